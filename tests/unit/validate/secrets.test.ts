import { describe, it, expect } from 'vitest';
import { findSecrets, isCredentialKey, isSecretReference } from '../../../src/lib/validate/secrets.ts';
import { fake } from '../../helpers/fake-secrets.ts';
import { analyzeFiles, baseline, dedent, problemKeys } from '../../helpers/repo.ts';

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

describe('isCredentialKey, common credential names', () => {
	it.each([
		'pass',
		'pwd',
		'passphrase',
		'credentials',
		'credential',
		'auth',
		'db_pass',
		'DB_PWD',
		'sshPassphrase',
		'awsCredentials',
		'redisPass',
	])('counts %s', (segment) => {
		expect(isCredentialKey(segment)).toBe(true);
	});

	it.each(['oauth', 'basic_auth', 'auth_enabled', 'authClients', 'bypass', 'compass', 'passes', 'pwd_dir'])(
		'does not count %s',
		(segment) => {
			expect(isCredentialKey(segment)).toBe(false);
		},
	);
});

describe('isCredentialKey, names of secrets stored elsewhere', () => {
	it.each([
		'existingSecret',
		'existingSecretPasswordKey',
		'existing_secret',
		'existingSecretName',
		'extraEnvVarsSecret',
		'scriptsSecret',
		'tlsSecret',
		'certificatesSecret',
		'secretName',
		'secretKeyRef',
		'tokenSecretRef',
		'privateKeySecretRef',
		'adminPasswordKey',
	])('does not count %s', (segment) => {
		expect(isCredentialKey(segment)).toBe(false);
	});
});

describe('secrets in the values of public Helm charts', () => {
	// The shape of the values.yaml of Bitnami's Redis and PostgreSQL charts and of an ingress with TLS,
	// as a team pastes them under an environment's settings.
	const chartValues = dedent(`
		name: Staging
		stage: staging
		verified: { date: 2024-02-20, by: "@ana" }
		settings:
		  runtime: { node: "18.17.1" }
		  database: { engine: postgresql }
		  load_balancer: { timeout_seconds: 120 }
		  redis:
		    version: "7.0.11"
		    pool_size: 20
		    architecture: replication
		    auth:
		      enabled: true
		      sentinel: true
		      password: ""
		      existingSecret: redis-auth
		      existingSecretPasswordKey: redis-password
		      usePasswordFiles: false
		    tls:
		      enabled: true
		      authClients: true
		      existingSecret: redis-tls
		      certFilename: tls.crt
		      certKeyFilename: tls.key
		    master:
		      extraEnvVarsSecret: redis-extra-env
		  postgresql:
		    auth:
		      enablePostgresUser: true
		      postgresPassword: ""
		      username: app
		      password: ""
		      database: app
		      existingSecret: postgresql-auth
		      secretKeys:
		        adminPasswordKey: postgres-password
		        userPasswordKey: password
		        replicationPasswordKey: replication-password
		    primary:
		      initdb:
		        scriptsSecret: postgresql-initdb
		  ingress:
		    enabled: true
		    className: nginx
		    tls:
		      - secretName: app-example-tls
		        hosts: [app.example.com]
		  app:
		    env:
		      - name: DATABASE_PASSWORD
		        valueFrom:
		          secretKeyRef: { name: postgresql-auth, key: password }
		    envFrom:
		      - secretRef: { name: app-env }
	`);
	const secretProblems = (staging: string): string[] =>
		problemKeys(analyzeFiles({ ...baseline(), 'environments/staging.yaml': staging })).filter((key) => / secret-/.test(key));

	it('accepts the names of existing secrets, secret keys and secret references', () => {
		expect(secretProblems(chartValues)).toEqual([]);
	});

	it.each([
		[
			'auth.password',
			'      password: ""\n      existingSecret: redis-auth',
			'      password: "hunter2hunter2"\n      existingSecret: redis-auth',
			'15:17',
		],
		['pass', '      username: app', '      username: app\n      pass: hunter2hunter2', '32:13'],
		['pwd', '      username: app', '      username: app\n      pwd: hunter2hunter2', '32:12'],
		['password', '      username: app\n      password: ""', '      username: app\n      password: hunter2hunter2', '32:17'],
	])('rejects a literal under %s in the same file', (_key, from, to, at) => {
		expect(chartValues).toContain(from);
		expect(secretProblems(chartValues.replace(from, to))).toEqual([`environments/staging.yaml:${at} error secret-literal`]);
	});
});
