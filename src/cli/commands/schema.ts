import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { formatJsonSchema, jsonSchemas } from '../../lib/schema/json-schemas.ts';
import { COMMON_OPTIONS, type Command } from '../command.ts';

/** `envparity schema`: writes the JSON Schemas that editors use to validate and complete content files. */
export const schemaCommand: Command = {
	name: 'schema',
	summary: 'Write JSON Schemas of every file format, for editors',
	usage: `Usage: envparity schema [--out DIR] [--root DIR]

Writes a JSON Schema (draft-07) for envparity.config.yaml, environment files,
environments/differences.yaml and the front matter of changes, issues and runbooks,
generated from the same definitions the engine validates with.

Options:
  --out DIR    Where to write them (default: schemas/ under the root)
  --root DIR   The content repository (default: the current directory)
  -h, --help   Show this help
`,
	options: { ...COMMON_OPTIONS, out: { type: 'string' } },
	async run({ io, values, root }) {
		const out = resolve(io.cwd, (values.out as string | undefined) ?? join(root, 'schemas'));
		await mkdir(out, { recursive: true });
		const schemas = jsonSchemas();
		for (const [name, schema] of Object.entries(schemas)) await writeFile(join(out, name), formatJsonSchema(schema));
		io.stdout(`Wrote ${Object.keys(schemas).length} schemas to ${relative(io.cwd, out) || '.'}.\n`);
		return 0;
	},
};
