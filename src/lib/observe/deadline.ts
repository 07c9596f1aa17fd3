/** Why a target was given up: it did not answer within its time. */
export class TargetTimeout extends Error {}

/**
 * Runs `work` and gives up after `ms`, calling `abandon` (which closes the connection) so that no socket
 * outlives the target: `observe` never hangs on a server that accepts a connection and says nothing.
 */
export async function withDeadline<T>(ms: number, work: () => Promise<T>, abandon: () => void): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			abandon();
			reject(new TargetTimeout(`did not answer within ${formatSeconds(ms)}`));
		}, ms);
	});
	try {
		return await Promise.race([work(), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Milliseconds as seconds for messages: "5 s", "0.5 s". */
export function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(3))} s`;
}
