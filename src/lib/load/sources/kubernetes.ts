import type { YamlSource } from '../../diagnostics/positions.ts';
import type { SourceFile } from '../../diagnostics/source-file.ts';
import type { DecodedSource, SourceEntry } from '../../schema/source.ts';
import { readDocument, whereIn } from './yaml.ts';

/** The workload kinds whose pod template names containers, and where the pod spec is in each. */
const POD_SPEC_PATHS: Record<string, string[]> = {
	Deployment: ['spec', 'template', 'spec'],
	StatefulSet: ['spec', 'template', 'spec'],
	DaemonSet: ['spec', 'template', 'spec'],
	ReplicaSet: ['spec', 'template', 'spec'],
	Job: ['spec', 'template', 'spec'],
	CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
	Pod: ['spec'],
};

/** A document marker at the start of a line: `---`, alone or followed by a space or a comment. */
const DOCUMENT_MARKER = /^---(?=[ \t]|\r?$)/gm;

/**
 * Kubernetes manifests, one or many documents a file (and `kind: List`). What they yield, by resource:
 * - a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod): for each container and init
 *   container, `images.<container>.repository`, `images.<container>.tag` (and `images.<container>.digest` for an
 *   image pinned by digest), and its `resources.<container>.requests.<name>` / `.limits.<name>`; and
 *   `replicas.<workload name>` when the manifest sets `spec.replicas`;
 * - a ConfigMap: `configmaps.<name>.<key>` for each key of `data`.
 * Other kinds (Services, Secrets, Ingresses…) yield nothing: a Secret's data is never read.
 */
export function decodeKubernetes(file: SourceFile): DecodedSource {
	const entries: SourceEntry[] = [];
	for (const { text, offset } of documentsOf(file.text)) {
		if (text.trim() === '') continue;
		const read = readDocument(file, text, offset);
		if ('problem' in read) return { path: file.path, format: 'kubernetes', file, entries: [], problem: read.problem };
		resources(read.data, [], (resource, path) => entries.push(...entriesOfResource(read.source, resource, path)));
	}
	return { path: file.path, format: 'kubernetes', file, entries };
}

/** The documents of a multi-document YAML file, each with its offset in the file. */
function documentsOf(text: string): { text: string; offset: number }[] {
	const starts = [0, ...[...text.matchAll(DOCUMENT_MARKER)].map((match) => match.index)];
	return starts.map((start, i) => {
		const end = starts[i + 1] ?? text.length;
		// The marker line itself is not part of the document; blank it out so that offsets stay those of the file.
		const chunk = text.slice(start, end);
		return { text: chunk.replace(/^---[^\n]*/, (marker) => ' '.repeat(marker.length)), offset: start };
	});
}

/** Calls `each` for every resource of a document: the document itself, or the items of a `kind: List`. */
function resources(
	data: unknown,
	path: (string | number)[],
	each: (resource: Record<string, unknown>, path: (string | number)[]) => void,
): void {
	if (!isMap(data)) return;
	if (data.kind === 'List' && Array.isArray(data.items)) {
		data.items.forEach((item, i) => resources(item, [...path, 'items', i], each));
		return;
	}
	each(data, path);
}

function entriesOfResource(source: YamlSource, resource: Record<string, unknown>, path: (string | number)[]): SourceEntry[] {
	const kind = typeof resource.kind === 'string' ? resource.kind : '';
	const name = isMap(resource.metadata) && typeof resource.metadata.name === 'string' ? resource.metadata.name : undefined;
	const at = (inner: (string | number)[]) => whereIn(source, [...path, ...inner]);
	const entries: SourceEntry[] = [];
	if (kind === 'ConfigMap' && name && isMap(resource.data)) {
		for (const [key, value] of Object.entries(resource.data)) {
			entries.push({ segments: ['configmaps', name, key], value, ...at(['data', key]) });
		}
	}
	const podPath = POD_SPEC_PATHS[kind];
	if (!podPath) return entries;
	const spec = resource.spec;
	if (name && isMap(spec) && spec.replicas !== undefined && kind !== 'Pod') {
		entries.push({ segments: ['replicas', name], value: spec.replicas, ...at(['spec', 'replicas']) });
	}
	const pod = dig(resource, podPath);
	if (!isMap(pod)) return entries;
	for (const list of ['initContainers', 'containers']) {
		const containers = pod[list];
		if (!Array.isArray(containers)) continue;
		containers.forEach((container, i) => {
			if (!isMap(container) || typeof container.name !== 'string') return;
			const where = [...podPath, list, i];
			if (typeof container.image === 'string') {
				const image = splitImage(container.image);
				const span = at([...where, 'image']);
				for (const part of ['repository', 'tag', 'digest'] as const) {
					if (image[part] !== undefined) entries.push({ segments: ['images', container.name, part], value: image[part], ...span });
				}
			}
			if (isMap(container.resources)) {
				for (const bound of ['requests', 'limits']) {
					const values = container.resources[bound];
					if (!isMap(values)) continue;
					for (const [resourceName, value] of Object.entries(values)) {
						entries.push({
							segments: ['resources', container.name, bound, resourceName],
							value,
							...at([...where, 'resources', bound, resourceName]),
						});
					}
				}
			}
		});
	}
	return entries;
}

/**
 * An image reference's parts: `registry:5000/team/app:1.4.2@sha256:…` is the repository `registry:5000/team/app`,
 * the tag `1.4.2` and the digest `sha256:…`. Without a tag, Kubernetes pulls `latest`: the tag reads "latest".
 */
export function splitImage(image: string): { repository: string; tag?: string; digest?: string } {
	const at = image.indexOf('@');
	const digest = at >= 0 ? image.slice(at + 1) : undefined;
	const named = at >= 0 ? image.slice(0, at) : image;
	const colon = named.lastIndexOf(':');
	const hasTag = colon > named.lastIndexOf('/');
	const repository = hasTag ? named.slice(0, colon) : named;
	const tag = hasTag ? named.slice(colon + 1) : digest === undefined ? 'latest' : undefined;
	return { repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

function dig(value: unknown, path: readonly string[]): unknown {
	let node = value;
	for (const segment of path) node = isMap(node) ? node[segment] : undefined;
	return node;
}

function isMap(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
