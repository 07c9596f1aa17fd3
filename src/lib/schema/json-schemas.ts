import { z } from 'zod';
import { changeSchema } from './change.ts';
import { configSchema } from './config.ts';
import { differencesSchema } from './difference.ts';
import { environmentSchema } from './environment.ts';
import { issueSchema } from './issue.ts';
import { runbookSchema } from './runbook.ts';

/** The JSON Schema files envparity publishes for editors, by file name; generated from the zod schemas. */
export function jsonSchemas(): Record<string, object> {
	// Draft-07 is what the YAML language server and most validators read best.
	const make = (schema: z.ZodType): object => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
	return {
		'config.schema.json': make(configSchema),
		'environment.schema.json': make(environmentSchema),
		'differences.schema.json': make(differencesSchema),
		'change.schema.json': make(changeSchema),
		'issue.schema.json': make(issueSchema),
		'runbook.schema.json': make(runbookSchema),
	};
}

/** A schema file's text, as committed under schemas/. */
export function formatJsonSchema(schema: object): string {
	return `${JSON.stringify(schema, null, 2)}\n`;
}
