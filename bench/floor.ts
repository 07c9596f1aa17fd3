// The benchmark's floor: read and parse the YAML (and front matter) of every content file in one process, and of the
// values files that environments read as sources (deploy/), when the repository has them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = process.argv[2]!;
let files = 0;
for (const folder of ['environments', 'changes', 'issues', 'runbooks', 'deploy']) {
	if (!existsSync(join(root, folder))) continue;
	for (const name of readdirSync(join(root, folder))) {
		const text = readFileSync(join(root, folder, name), 'utf8');
		const yaml = text.startsWith('---') ? text.slice(4, text.indexOf('\n---', 4)) : text;
		parse(yaml);
		files++;
	}
}
process.stdout.write(`${files}\n`);
