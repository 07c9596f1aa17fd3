/** A text cut to at most `limit` UTF-16 units (as JavaScript and most APIs count), never inside a surrogate pair, ending with `…` when cut. */
export function cutText(text: string, limit: number): string {
	if (text.length <= limit) return text;
	let out = '';
	for (const character of text) {
		if (out.length + character.length > limit - 1) break;
		out += character;
	}
	return `${out}…`;
}
