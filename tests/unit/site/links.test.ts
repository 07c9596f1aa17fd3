import { describe, expect, it } from 'vitest';
import { createLinks, repositoryLinks, rowAnchor } from '../../../src/lib/site/links.ts';

describe('createLinks', () => {
	describe('under the root base "/"', () => {
		const links = createLinks('/');

		it('puts home at the root', () => {
			expect(links.home).toBe('/');
		});

		it('builds a folder path for every kind of entity page', () => {
			expect(links.environment('production')).toBe('/environments/production/');
			expect(links.change('redis-pool')).toBe('/changes/redis-pool/');
			expect(links.issue('payment-timeout')).toBe('/issues/payment-timeout/');
			expect(links.runbook('payment-timeout')).toBe('/runbooks/payment-timeout/');
		});

		it('links a matrix row by its key, a difference by its 1-based position, and a comparison by both ids', () => {
			expect(links.matrixRow('database.version')).toBe('/matrix/#database.version');
			expect(links.difference(0)).toBe('/differences/#difference-1');
			expect(links.difference(4)).toBe('/differences/#difference-5');
			expect(links.compare('staging', 'production')).toBe('/compare/staging/production/');
		});

		it("links a go page by id or alias, keeping an alias's case and dots", () => {
			expect(links.go('INC-2041')).toBe('/go/INC-2041/');
			expect(links.go('v1.2_old')).toBe('/go/v1.2_old/');
		});

		it('joins a relative path with or without a leading slash, never doubling it', () => {
			expect(links.path('matrix/')).toBe('/matrix/');
			expect(links.path('/matrix/')).toBe('/matrix/');
			expect(links.path('//feed.xml')).toBe('/feed.xml');
		});

		it('percent-encodes an id so it stays one path segment', () => {
			expect(links.go('a/b c?')).toBe('/go/a%2Fb%20c%3F/');
		});
	});

	describe.each(['/infra-wiki/', '/infra-wiki'])('under the base %j', (base) => {
		const links = createLinks(base);

		it('puts home at the base, with exactly one trailing slash', () => {
			expect(links.home).toBe('/infra-wiki/');
		});

		it('prefixes every page with the base', () => {
			expect(links.path('/matrix/')).toBe('/infra-wiki/matrix/');
			expect(links.environment('dev')).toBe('/infra-wiki/environments/dev/');
			expect(links.change('redis-pool')).toBe('/infra-wiki/changes/redis-pool/');
			expect(links.issue('payment-timeout')).toBe('/infra-wiki/issues/payment-timeout/');
			expect(links.runbook('payment-timeout')).toBe('/infra-wiki/runbooks/payment-timeout/');
			expect(links.matrixRow('redis.pool_size')).toBe('/infra-wiki/matrix/#redis.pool_size');
			expect(links.difference(0)).toBe('/infra-wiki/differences/#difference-1');
			expect(links.compare('dev', 'staging')).toBe('/infra-wiki/compare/dev/staging/');
			expect(links.go('INC-2041')).toBe('/infra-wiki/go/INC-2041/');
		});
	});
});

describe('rowAnchor', () => {
	it('is the key itself for a plain dotted key', () => {
		expect(rowAnchor('database.version')).toBe('database.version');
		expect(rowAnchor('load_balancer.timeout_seconds')).toBe('load_balancer.timeout_seconds');
	});

	it('keeps slashes readable but encodes quotes and brackets of a quoted segment', () => {
		expect(rowAnchor('nodeSelector["eks.amazonaws.com/capacityType"]')).toBe('nodeSelector%5B%22eks.amazonaws.com/capacityType%22%5D');
	});

	it("decodes back to the key, which is the row's id on the matrix page", () => {
		for (const key of ['database.version', 'a["b c"].d', 'x["50%"]', 'nodeSelector["eks.amazonaws.com/capacityType"]']) {
			expect(decodeURIComponent(rowAnchor(key))).toBe(key);
		}
	});

	it('encodes characters that would end or break a fragment', () => {
		expect(rowAnchor('a["#b"]')).not.toContain('#');
		expect(rowAnchor('a["b c"]')).not.toContain(' ');
	});
});

describe('repositoryLinks', () => {
	const file = 'environments/production.yaml';

	it('is null when the repository is not set', () => {
		expect(repositoryLinks({ repository: null, branch: 'main' }, file)).toBeNull();
	});

	it('builds GitHub edit, history and view links', () => {
		const links = repositoryLinks({ repository: 'https://github.com/acme/infra-wiki', branch: 'main' }, file)!;
		expect(links.edit).toBe('https://github.com/acme/infra-wiki/edit/main/environments/production.yaml');
		expect(links.history).toBe('https://github.com/acme/infra-wiki/commits/main/environments/production.yaml');
		expect(links.view()).toBe('https://github.com/acme/infra-wiki/blob/main/environments/production.yaml');
		expect(links.view(12)).toBe('https://github.com/acme/infra-wiki/blob/main/environments/production.yaml#L12');
	});

	it('builds GitLab links with the /-/ separator, also for a self-hosted GitLab', () => {
		const links = repositoryLinks({ repository: 'https://gitlab.com/acme/infra-wiki', branch: 'main' }, file)!;
		expect(links.edit).toBe('https://gitlab.com/acme/infra-wiki/-/edit/main/environments/production.yaml');
		expect(links.history).toBe('https://gitlab.com/acme/infra-wiki/-/commits/main/environments/production.yaml');
		expect(links.view()).toBe('https://gitlab.com/acme/infra-wiki/-/blob/main/environments/production.yaml');
		expect(links.view(7)).toBe('https://gitlab.com/acme/infra-wiki/-/blob/main/environments/production.yaml#L7');
		const selfHosted = repositoryLinks({ repository: 'https://gitlab.acme.internal/ops/wiki', branch: 'main' }, file)!;
		expect(selfHosted.edit).toBe('https://gitlab.acme.internal/ops/wiki/-/edit/main/environments/production.yaml');
	});

	it('builds Bitbucket links with src, history-node and #lines-', () => {
		const links = repositoryLinks({ repository: 'https://bitbucket.org/acme/infra-wiki', branch: 'main' }, file)!;
		expect(links.edit).toBe('https://bitbucket.org/acme/infra-wiki/src/main/environments/production.yaml?mode=edit');
		expect(links.history).toBe('https://bitbucket.org/acme/infra-wiki/history-node/main/environments/production.yaml');
		expect(links.view()).toBe('https://bitbucket.org/acme/infra-wiki/src/main/environments/production.yaml');
		expect(links.view(3)).toBe('https://bitbucket.org/acme/infra-wiki/src/main/environments/production.yaml#lines-3');
	});

	it.each([
		['a trailing slash', 'https://github.com/acme/infra-wiki/'],
		['several trailing slashes', 'https://github.com/acme/infra-wiki//'],
		['a .git suffix', 'https://github.com/acme/infra-wiki.git'],
		['a .git suffix and a trailing slash', 'https://github.com/acme/infra-wiki.git/'],
	])('ignores %s on the repository address', (_, repository) => {
		const links = repositoryLinks({ repository, branch: 'main' }, file)!;
		expect(links.edit).toBe('https://github.com/acme/infra-wiki/edit/main/environments/production.yaml');
		expect(links.history).toBe('https://github.com/acme/infra-wiki/commits/main/environments/production.yaml');
	});

	it('strips .git from a GitLab address too', () => {
		const links = repositoryLinks({ repository: 'https://gitlab.com/acme/infra-wiki.git', branch: 'main' }, file)!;
		expect(links.view(1)).toBe('https://gitlab.com/acme/infra-wiki/-/blob/main/environments/production.yaml#L1');
	});

	it('keeps a branch with a slash as one encoded segment, which decodes back to the branch', () => {
		const links = repositoryLinks({ repository: 'https://github.com/acme/infra-wiki', branch: 'release/2024-03' }, file)!;
		expect(links.edit).toBe('https://github.com/acme/infra-wiki/edit/release%2F2024-03/environments/production.yaml');
		expect(decodeURIComponent(new URL(links.view()).pathname)).toBe('/acme/infra-wiki/blob/release/2024-03/environments/production.yaml');
	});

	it('keeps the folders of the file path but encodes each segment', () => {
		const links = repositoryLinks({ repository: 'https://github.com/acme/infra-wiki', branch: 'main' }, 'runbooks/db failover#2.md')!;
		expect(links.view()).toBe('https://github.com/acme/infra-wiki/blob/main/runbooks/db%20failover%232.md');
	});

	it.each([
		['a javascript: address', 'javascript:alert(document.domain)//github.com/acme/x'],
		['a javascript: address in capitals, after spaces', '  JAVASCRIPT:alert(1)//github.com/acme/x'],
		['a javascript: address split by a tab', 'java\tscript:alert(1)//github.com/acme/x'],
		['a data: address', 'data:text/html,<script>alert(1)</script>'],
		['a vbscript: address', 'vbscript:msgbox(1)'],
		['an address with no scheme', 'github.com/acme/infra-wiki'],
		['an address that is only a scheme and slashes', 'https://'],
	])('is null for %s, so no page links to it', (_, repository) => {
		expect(repositoryLinks({ repository, branch: 'main' }, file)).toBeNull();
	});

	it('keeps an http address, as a self-hosted forge may have', () => {
		expect(repositoryLinks({ repository: 'http://git.acme.internal/ops/wiki', branch: 'main' }, file)?.edit).toBe(
			'http://git.acme.internal/ops/wiki/edit/main/environments/production.yaml',
		);
	});

	it('adds no line anchor when no line is given', () => {
		const links = repositoryLinks({ repository: 'https://github.com/acme/infra-wiki', branch: 'main' }, file)!;
		expect(links.view(undefined)).not.toContain('#');
	});
});
