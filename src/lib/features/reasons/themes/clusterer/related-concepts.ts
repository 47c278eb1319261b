/**
 * How strongly each concept implies each other one in these comments: P(b | a) where a and b occur
 * together more often than chance would have them, else 0; row a, column b of a square matrix. Learnt
 * from the data on every run, so themes are built from what customers actually say together.
 */
export function relatedConcepts(
	conceptSets: readonly (readonly number[])[],
	weights: readonly number[],
	conceptCount: number
): Float64Array {
	const together = new Float64Array(conceptCount * conceptCount);
	const alone = new Float64Array(conceptCount);
	let total = 0;
	conceptSets.forEach((concepts, s) => {
		if (concepts.length === 0) return;
		const w = weights[s] as number;
		total += w;
		for (const a of concepts) {
			alone[a] += w;
			for (const b of concepts) if (a !== b) together[a * conceptCount + b] += w;
		}
	});
	const related = new Float64Array(conceptCount * conceptCount);
	for (let a = 0; a < conceptCount; a++) {
		for (let b = 0; b < conceptCount; b++) {
			const both = together[a * conceptCount + b] as number;
			if (both * total > (alone[a] as number) * (alone[b] as number))
				related[a * conceptCount + b] = both / (alone[a] as number);
		}
	}
	return related;
}
