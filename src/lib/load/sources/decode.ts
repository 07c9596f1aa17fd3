import type { SourceFile } from '../../diagnostics/source-file.ts';
import type { DecodedSource, SourceFormat } from '../../schema/source.ts';
export { sourceFormatOf } from '../../schema/source.ts';
import { decodeDotenv } from './dotenv.ts';
import { decodeKubernetes } from './kubernetes.ts';
import { decodeTfvars } from './tfvars.ts';
import { decodeToml } from './toml.ts';
import { decodeYaml } from './yaml.ts';

/** Decodes a source file's text in a format: its values with their positions, or the problem that keeps it unread. */
export function decodeSource(file: SourceFile, format: SourceFormat): DecodedSource {
	switch (format) {
		case 'yaml':
		case 'json':
			return decodeYaml(file, format);
		case 'kubernetes':
			return decodeKubernetes(file);
		case 'toml':
			return decodeToml(file);
		case 'dotenv':
			return decodeDotenv(file);
		case 'tfvars':
			return decodeTfvars(file);
	}
}
