import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { maskSecret, secretMask } from '../../../src/lib/diagnostics/secret-mask.ts';
import { fake } from '../../helpers/fake-secrets.ts';

/** A secret diagnostic, as the secret scan reports one, carrying the secret it found. */
function found(secret: string, at: Partial<Diagnostic> = {}): Diagnostic {
	return {
		file: 'environments/dev.yaml',
		line: 2,
		column: 13,
		endLine: 2,
		endColumn: 13 + secret.length,
		severity: 'error',
		code: 'secret-literal',
		message: `"password" holds a literal value (${maskSecret(secret)})`,
		sensitive: true,
		secret,
		...at,
	};
}

const warning: Diagnostic = { file: 'a.yaml', line: 1, column: 1, severity: 'warning', code: 'undocumented-drift', message: 'x' };

describe('maskSecret', () => {
	it('shows the first four characters and the length', () => {
		expect(maskSecret(fake.stripeSecret)).toBe(`sk_l… (${fake.stripeSecret.length} characters)`);
	});

	it('shows only the length for a value of eight characters or fewer', () => {
		expect(maskSecret('hunter22')).toBe('… (8 characters)');
		expect(maskSecret('abc')).toBe('… (3 characters)');
		expect(maskSecret('x')).toBe('… (1 character)');
	});

	it('shows the first four characters from nine characters on', () => {
		expect(maskSecret('hunter22!')).toBe('hunt… (9 characters)');
	});

	it('counts a character outside the Basic Multilingual Plane once', () => {
		expect(maskSecret('🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('🔑🔑🔑🔑… (9 characters)');
	});

	it.each(Object.entries(fake))('never contains the whole %s', (_name, secret) => {
		expect(maskSecret(secret)).not.toContain(secret);
	});

	// Upper-case letters and symbols, so that a short value cannot occur by chance in the label.
	it.each(['Q', 'Qz', 'QZ#%QZ#%', 'QZ#%QZ#%W', 'QZ#%QZ#%WX!*'])('never contains the whole of %s', (secret) => {
		expect(maskSecret(secret)).not.toContain(secret);
	});
});

describe('secretMask', () => {
	it('leaves everything as it is when no secret was found', () => {
		const mask = secretMask([warning]);
		expect(mask.empty).toBe(true);
		expect(mask.text('hunter2hunter2')).toBe('hunter2hunter2');
		expect(mask.value(12345678)).toBe(12345678);
	});

	it('masks every occurrence of a secret in a text', () => {
		const mask = secretMask([warning, found(fake.githubPat)]);
		expect(mask.empty).toBe(false);
		const text = `dev=${fake.githubPat}, staging=${fake.githubPat}`;
		expect(mask.text(text)).toBe(`dev=${maskSecret(fake.githubPat)}, staging=${maskSecret(fake.githubPat)}`);
	});

	it('masks a secret that an output cut short and marked with an ellipsis', () => {
		const mask = secretMask([found(fake.githubFineGrained)]);
		const cut = `${fake.githubFineGrained.slice(0, 37)}…`;
		expect(mask.text(`"token" differs (dev=${cut}, staging=x)`)).toBe(
			`"token" differs (dev=${maskSecret(fake.githubFineGrained)}, staging=x)`,
		);
	});

	it('leaves a text that only shares the start of a secret', () => {
		const mask = secretMask([found(fake.githubPat)]);
		const other = `${fake.githubPat.slice(0, 20)}zzzz`;
		expect(mask.text(other)).toBe(other);
	});

	it('masks a multi-line secret whole, JSON-escaped, and line by line', () => {
		const mask = secretMask([found(fake.privateKey, { code: 'secret-value' })]);
		const body = fake.privateKey.split('\n')[1]!;
		expect(mask.text(`key: ${fake.privateKey}`)).not.toContain(body);
		expect(mask.text(JSON.stringify(fake.privateKey))).not.toContain(body);
		expect(mask.text(`  | ${body}`)).toBe(`  | ${maskSecret(body)}`);
	});

	it('masks a short secret only where it stands as a whole word', () => {
		const mask = secretMask([found('s3cr3t')]);
		expect(mask.text('dev=s3cr3t, staging=s3cr3tive')).toBe(`dev=${maskSecret('s3cr3t')}, staging=s3cr3tive`);
	});

	it('masks setting values, numbers included, and keeps their shape', () => {
		const mask = secretMask([found('12345678')]);
		expect(mask.value({ a: 12345678, b: [1, '12345678'], c: 'port 12345678', d: true })).toEqual({
			a: maskSecret('12345678'),
			b: [1, maskSecret('12345678')],
			c: `port ${maskSecret('12345678')}`,
			d: true,
		});
	});

	it('masks the strings of a document and keeps its numbers', () => {
		const mask = secretMask([found('12345678')]);
		expect(mask.strings({ count: 12345678, note: 'pin 12345678' })).toEqual({ count: 12345678, note: `pin ${maskSecret('12345678')}` });
	});

	it('masks, in any source line, the spans of the secrets on it and every occurrence of a secret, keeping columns', () => {
		const mask = secretMask([found('hunter2hunter2')]);
		expect(mask.line('environments/dev.yaml', 2, '  password: hunter2hunter2')).toBe('  password: **************');
		expect(mask.line('environments/staging.yaml', 7, '  note: hunter2hunter2 # x')).toBe('  note: ************** # x');
		expect(mask.line('environments/dev.yaml', 3, '  pool: 20')).toBe('  pool: 20');
	});

	it('masks every line of a multi-line span, keeping the indentation of the lines after the first', () => {
		const mask = secretMask([{ ...warning, file: 'e.yaml', line: 2, column: 8, endLine: 4, endColumn: 10, sensitive: true }]);
		expect(mask.line('e.yaml', 2, 'key: | -----BEGIN')).toBe('key: | **********');
		expect(mask.line('e.yaml', 3, '    MIIEowIBAAKCAQEA')).toBe('    ****************');
		expect(mask.line('e.yaml', 4, '    -----END-----')).toBe('    *****END-----');
	});
});
