import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.ts';

describe('envparity check on hostile MDX', () => {
	it('reports each construct outside the safe subset as an unsafe-mdx error, with its excerpt and the fix, and exits 1', async () => {
		const { code, stdout } = await cli(['check', '--root', fixture('hostile-mdx')]);
		expect(code).toBe(1);
		// Each diagnostic is a header line, an excerpt and a caret, then a blank line.
		const blocks = stdout.split('\n\n').filter((block) => / error unsafe-mdx: /.test(block));
		expect(blocks.map((block) => block.slice(0, block.indexOf(' error ')))).toEqual([
			'changes/built-href.mdx:12:8',
			'issues/entity-href.mdx:8:8',
			'runbooks/build-machine.mdx:5:1',
			'runbooks/build-machine.mdx:7:10',
			'runbooks/fragment-set-html.mdx:7:1',
			'runbooks/iframe-srcdoc.mdx:7:1',
			'runbooks/image-import.mdx:7:1',
			'runbooks/spread-handler.mdx:7:18',
		]);
		// The safe page, whose text only looks like script, has no error.
		expect(stdout).not.toMatch(/^runbooks\/safe-notes\.mdx:\S+ error/m);
		expect(stdout).toMatch(/^8 errors, \d+ warnings in 18 files$/m);
		expect(blocks.join('\n\n')).toMatchSnapshot();
	});
});
