import { describe, it, expect } from 'vitest';
import { findSecrets, isCredentialKey, isSecretReference, maskSecret } from '../../../src/lib/validate/secrets.ts';

// Every fake secret is assembled from parts so that this file holds no literal a scanner would flag.
const fake = {
	stripeSecret: 'sk_' + 'live_' + '4eC39HqLyjWDarjtT1zdp7dc',
	stripeTestSecret: 'sk_' + 'test_' + '51HxQ2bKz9aPq7RtYv3LmN8w',
	stripeRestricted: 'rk_' + 'live_' + '51HxQ2bKz9aPq7RtYv3LmN8wXe',
	stripeRestrictedTest: 'rk_' + 'test_' + '9aPq7RtYv3LmN8wXe51HxQ2b',
	awsAccessKey: 'AK' + 'IA' + 'IOSFODNN7EXAMPL3',
	awsSessionKey: 'AS' + 'IA' + 'Y34FZKBOKMUTVV7A',
	githubPat: 'gh' + 'p_' + 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx',
	githubOauth: 'gh' + 'o_' + '16C7e42F292c6912E7710c838347Ae178B4a',
	githubUser: 'gh' + 'u_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5',
	githubServer: 'gh' + 's_' + 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9',
	githubRefresh: 'gh' + 'r_' + '1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498',
	githubFineGrained: 'github' + '_pat_' + '11ABCDEFG0123456789abc_' + 'xYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlM',
	slackBot: 'xo' + 'xb-' + '17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
	slackUser: 'xo' + 'xp-' + '4946458371-5028847365-5019833421-9d5ac4e8f1b2c3d4e5f6a7b8c9d0e1f2',
	slackApp: 'xo' + 'xa-' + '2-4946458371-5028847365-9d5ac4e8f1b2c3d4e5f6',
	slackRefresh: 'xo' + 'xr-' + '4946458371-5028847365-9d5ac4e8f1b2c3d4e5f6',
	slackLegacy: 'xo' + 'xs-' + '4946458371-5028847365-9d5ac4e8f1b2c3d4e5f6',
	slackWebhook: 'https://hooks.slack.com/services/' + 'T00000000/' + 'B00000000/' + 'XXXXXXXXXXXXXXXXXXXXXXXX',
	jwt:
		'ey' +
		'JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
		'.' +
		'ey' +
		'JzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ' +
		'.' +
		'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
	privateKey: [
		'-----BEGIN RSA ' + 'PRIVATE KEY-----',
		'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
		'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
		'-----END RSA ' + 'PRIVATE KEY-----',
	].join('\n'),
	databaseUrl: 'postgres://app:' + 'hunter2-s3cr3t' + '@db.internal.example.com:5432',
};

/** Embeds a value in prose and returns the text and where the value sits in it. */
function embed(value: string): { text: string; start: number; end: number } {
	const before = 'Set it in the dashboard, then export VALUE=';
	const text = `${before}${value} and restart the worker.`;
	return { text, start: before.length, end: before.length + value.length };
}

describe('findSecrets', () => {
	const kinds: [string, string, string][] = [
		['Stripe live secret key', fake.stripeSecret, 'Stripe secret key'],
		['Stripe test secret key', fake.stripeTestSecret, 'Stripe secret key'],
		['Stripe live restricted key', fake.stripeRestricted, 'Stripe restricted key'],
		['Stripe test restricted key', fake.stripeRestrictedTest, 'Stripe restricted key'],
		['AWS access key id', fake.awsAccessKey, 'AWS access key ID'],
		['AWS temporary access key id', fake.awsSessionKey, 'AWS access key ID'],
		['GitHub personal access token', fake.githubPat, 'GitHub personal access token'],
		['GitHub OAuth token', fake.githubOauth, 'GitHub OAuth token'],
		['GitHub user-to-server token', fake.githubUser, 'GitHub user-to-server token'],
		['GitHub server-to-server token', fake.githubServer, 'GitHub server-to-server token'],
		['GitHub refresh token', fake.githubRefresh, 'GitHub refresh token'],
		['GitHub fine-grained token', fake.githubFineGrained, 'GitHub personal access token'],
		['Slack bot token', fake.slackBot, 'Slack token'],
		['Slack user token', fake.slackUser, 'Slack token'],
		['Slack app token', fake.slackApp, 'Slack token'],
		['Slack refresh token', fake.slackRefresh, 'Slack token'],
		['Slack legacy token', fake.slackLegacy, 'Slack token'],
		['Slack webhook URL', fake.slackWebhook, 'Slack webhook URL'],
		['JWT', fake.jwt, 'JSON Web Token'],
		['private key block', fake.privateKey, 'private key'],
		['URL with a password', fake.databaseUrl, 'URL with a password'],
	];

	it.each(kinds)('finds a %s with its exact offsets', (_name, secret, kind) => {
		const { text, start, end } = embed(secret);
		const found = findSecrets(text);
		expect(found).toEqual([{ start, end, kind }]);
		expect(text.slice(start, end)).toBe(secret);
	});

	it('finds a value that is the whole text', () => {
		expect(findSecrets(fake.stripeSecret)).toEqual([{ start: 0, end: fake.stripeSecret.length, kind: 'Stripe secret key' }]);
	});

	it('finds several secrets in one Markdown body, in order of position', () => {
		const body = `# Rotating keys\n\nOld key: \`${fake.githubPat}\`.\n\n    ${fake.awsAccessKey}\n`;
		const found = findSecrets(body);
		expect(found.map((match) => body.slice(match.start, match.end))).toEqual([fake.githubPat, fake.awsAccessKey]);
		expect(found.map((match) => match.kind)).toEqual(['GitHub personal access token', 'AWS access key ID']);
	});

	it('stops a URL with a password at the end of its host', () => {
		const url = 'redis://:' + 'hunter2pass' + '@cache-1.internal:6379';
		const text = `See [the cache](${url}/0).`;
		const [match] = findSecrets(text);
		expect(text.slice(match?.start, match?.end)).toBe(url);
	});

	it('finds a URL whose password holds an unencoded @', () => {
		const url = 'mysql://root:' + 'p@ssw0rd' + '@db.example.com';
		const { text, start, end } = embed(url);
		expect(findSecrets(text)).toEqual([{ start, end, kind: 'URL with a password' }]);
	});

	it('finds a private key header even when the block is cut off', () => {
		const header = '-----BEGIN OPENSSH ' + 'PRIVATE KEY-----';
		const text = `key: ${header}\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW`;
		expect(findSecrets(text)).toEqual([{ start: 5, end: 5 + header.length, kind: 'private key' }]);
	});

	it('reports a token inside a URL as the token, once', () => {
		const url = 'https://x-access-token:' + fake.githubServer + '@github.com/acme/app.git';
		const found = findSecrets(url);
		expect(found).toEqual([
			{
				start: url.indexOf(fake.githubServer),
				end: url.indexOf(fake.githubServer) + fake.githubServer.length,
				kind: 'GitHub server-to-server token',
			},
		]);
	});

	it('reports nothing in text without secrets', () => {
		expect(findSecrets('')).toEqual([]);
		expect(findSecrets('pool_size: 20\ntimeout: 30s')).toEqual([]);
	});

	describe('public look-alikes', () => {
		const lookAlikes: [string, string][] = [
			['a Stripe live publishable key', 'pk_' + 'live_' + '4eC39HqLyjWDarjtT1zdp7dc'],
			['a Stripe test publishable key', 'pk_' + 'test_' + 'TYooMQauvdEDq54NiTphI7jx'],
			['a git commit hash', 'e83c5163316f89bfbde7d9ab23ca2e25604af290'],
			['an upper-case git commit hash', 'E83C5163316F89BFBDE7D9AB23CA2E25604AF290'],
			['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
			['a URL with only a user name', 'https://deploy@git.example.com/acme/app.git'],
			['a URL with a port and no user', 'https://example.com:8443/health?user=a:b'],
			['an identifier containing sk_live_', 'task_live_countAbcdefghijklmnopqrstuvwxyz'],
			['an identifier containing sk_test_', 'disk_test_results0123456789abcdefghijklmn'],
			['a Stripe prefix with a short tail', 'sk_' + 'live_' + 'abc'],
			['an AWS-like id with too many characters', 'AK' + 'IA' + 'IOSFODNN7EXAMPL3X'],
			['a GitHub-like prefix with a short tail', 'gh' + 'p_' + 'short'],
			['a Slack token placeholder', 'xo' + 'xb-' + 'your-bot-token-goes-here'],
			['a Slack prefix in prose', 'Bot tokens start with xo' + 'xb- and user tokens with xo' + 'xp-.'],
			['a JWT missing its signature', 'ey' + 'JhbGciOiJIUzI1NiJ9' + '.' + 'ey' + 'JzdWIiOiIxIn0'],
			['a URL with a ${VAR} password', 'postgres://app:${DB_PASSWORD}@db.internal:5432/app'],
			['a URL with a $VAR password', 'postgres://app:$DB_PASSWORD@db.internal:5432/app'],
			['a URL with a templated password', 'postgres://app:{{db_password}}@db.internal:5432/app'],
			['a public key block', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1L\n-----END PUBLIC KEY-----'],
		];

		it.each(lookAlikes)('does not flag %s', (_name, value) => {
			expect(findSecrets(embed(value).text)).toEqual([]);
		});
	});
});

describe('isCredentialKey', () => {
	it.each([
		'password',
		'passwd',
		'secret',
		'token',
		'api_key',
		'private_key',
		'client_secret',
		'db_password',
		'DB_PASSWORD',
		'webhook_secret',
		'GITHUB_TOKEN',
		'clientSecret',
		'client-secret',
		'apiKey',
		'APIKey',
		'accessToken',
		'OAuth2Token',
		'Password',
		'secret_key',
		'aws_secret_access_key',
		'ssh_private_key',
	])('counts %s', (segment) => {
		expect(isCredentialKey(segment)).toBe(true);
	});

	it.each([
		'token_ttl',
		'tokenTtl',
		'secret_name',
		'secretName',
		'password_min_length',
		'passwordMinLength',
		'secrets_manager',
		'secretsManager',
		'pool_size',
		'public_key',
		'access_key_id',
		'tokens',
		'passwords',
		'api_key_header',
		'',
	])('does not count %s', (segment) => {
		expect(isCredentialKey(segment)).toBe(false);
	});
});

describe('isSecretReference', () => {
	it.each([
		'${DB_PASSWORD}',
		'${db_password}',
		'$DB_PASSWORD',
		'$STRIPE_KEY_2',
		'  ${DB_PASSWORD}  ',
		'vault:secret/data/payments#stripe_key',
		'ssm:/prod/payments/stripe-key',
		'env:STRIPE_SECRET_KEY',
		'secretsmanager:prod/payments/stripe',
		'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
		'{{ vault "secret/db" "password" }}',
		'{{db_password}}',
		'${{ secrets.DB_PASSWORD }}',
		'op://Production/Database/password',
		'sops:payments.enc.yaml#stripe_key',
		'ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:x=,type:str]',
	])('accepts %s', (value) => {
		expect(isSecretReference(value)).toBe(true);
	});

	it.each([
		'',
		'   ',
		'hunter2',
		'$db_password',
		'prefix-${DB_PASSWORD}',
		'${DB_PASSWORD}-suffix',
		'$DB_PASSWORD extra',
		'{{ db_password }} and more',
		'vault:',
		'https://vault.example.com/secret',
		fake.stripeSecret,
	])('rejects %s', (value) => {
		expect(isSecretReference(value)).toBe(false);
	});
});

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
