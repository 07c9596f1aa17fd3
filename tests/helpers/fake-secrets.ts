/**
 * Fake secrets of every kind the engine detects, for tests. Each is assembled from parts so that no
 * file of the repository holds a literal that a secret scanner would flag.
 */
export const fake = {
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
