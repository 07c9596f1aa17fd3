import { z } from 'zod';

/** The pattern every id (a file-name stem) follows. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An alias: an incident ticket id or an old id that must keep resolving, e.g. `INC-2041`. */
export const ALIAS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The message of every invalid date: the diagnostics give it the code `invalid-date` and a sentence that names the whole
 * field and, when it is written as a date, the value.
 */
export const DATE_MESSAGE = 'is not a real date written YYYY-MM-DD';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD, e.g. `2024-01-22`. */
export const isoDate = z
	.string({ error: 'expected a date written YYYY-MM-DD' })
	.regex(DATE_SHAPE, { message: DATE_MESSAGE })
	// One issue per value: a value of another shape is already reported by the pattern.
	.refine((value) => !DATE_SHAPE.test(value) || isIsoDate(value), { message: DATE_MESSAGE });

/** A reference to another entity by id (or alias), e.g. `payment-timeout`. */
export const reference = z.string({ error: 'expected an id such as "payment-timeout"' }).min(1);

/** A list of references to other entities. */
export const referenceList = z.array(reference);

/**
 * A web address that starts with `https://` or `http://`, e.g. `https://app.example.com`. The site turns these fields into
 * links, so any other scheme is refused: a `javascript:` address would run in the reader's browser, a `data:` one would show
 * content the wiki never checked. `example` is the address the error message suggests, e.g. `https://github.com/acme/infra-wiki`.
 */
export function webUrl(example: string) {
	return z
		.url({
			protocol: z.regexes.httpProtocol,
			// A wrong type keeps the common "must be a text" message; every other issue is an address that is not http(s).
			error: (issue) => (issue.code === 'invalid_type' ? undefined : webUrlMessage(issue.input, example)),
		})
		.meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });
}

/** Whether a text is a web address that starts with `http://` or `https://`: the only addresses the site renders as links. */
export function isWebUrl(value: string): boolean {
	return anyWebUrl.safeParse(value).success;
}

const anyWebUrl = webUrl('https://example.com');

function webUrlMessage(input: unknown, example: string): string {
	// Name a scheme such as "javascript:", but not the port of "localhost:3000"; the scheme is never a secret, the rest may be.
	// Tabs and line breaks go first, as browsers drop them from addresses ("java\tscript:" is "javascript:").
	const scheme = typeof input === 'string' ? /^\s*([a-z][a-z0-9+.-]{0,19}):(?!\d)/i.exec(input.replace(/[\t\n\r]/g, ''))?.[1] : undefined;
	const not = scheme && !/^https?$/i.test(scheme) ? `, not a "${scheme.toLowerCase()}:" address` : '';
	return `must be a web address starting with https:// or http://${not}; write it in full, e.g. ${example}`;
}

/** A person or team, e.g. `"@devops-lead"`. */
export const person = z.string().min(1);

/** Incident ticket ids and old ids that must keep resolving under `/go/<alias>/`, e.g. `[INC-2041]`. */
export const aliases = z
	.array(z.string().regex(ALIAS_PATTERN, { message: 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-"' }))
	.meta({ description: 'Incident ticket ids and old ids that must keep resolving under /go/<alias>/.', examples: [['INC-2041']] });

/** A non-empty text. */
export const text = z.string().trim().min(1, { message: 'must not be empty' });

/** How risky a documented difference is. */
export const risk = z.enum(['low', 'medium', 'high']);

/** How severe a bug is. */
export const severity = z.enum(['low', 'medium', 'high', 'critical']);
