// The share groups' server-side assignor, `simple` (SimpleHomogeneousAssignmentBuilder, Kafka 4.2).
// Share-partitions are shared, not owned, so balance comes first: each partition goes to
// desiredSharing = ceil(members / partitions) members (one each while there are enough partitions), and
// member i of M wants ceil(x·(i+1)) − ceil(x·i) partitions, x = desiredSharing · partitions / M. Then
// stickiness: members keep what they had, overfilled members and over-shared partitions give some up,
// and the gaps are filled round-robin over the members still below their share.
// Kafka orders members by its map's key set; here members are in join order (see Simplifications).

/** ceil(a / b) for non-negative integers, without floating point. */
const ceilDiv = (a: number, b: number): number => Math.floor((a + b - 1) / b);

/**
 * Member id → partition ids, for members in join order and partitions in order; `current` is the
 * previous assignment, kept where balance allows.
 */
export function assignShareGroup(
  members: readonly string[],
  partitions: readonly string[],
  current: Readonly<Record<string, readonly string[]>> = {},
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of members) out[m] = [];
  const M = members.length;
  const P = partitions.length;
  if (M === 0 || P === 0) return out;
  const sharing = ceilDiv(M, P);
  const desired = new Map<string, number>();
  members.forEach((m, i) => desired.set(m, ceilDiv(sharing * P * (i + 1), M) - ceilDiv(sharing * P * i, M)));
  // Keep what each member had of the partitions still subscribed, up to its desired count.
  const holders = new Map<string, string[]>(partitions.map((p) => [p, []]));
  for (const m of members) {
    const kept = partitions.filter((p) => current[m]?.includes(p)).slice(0, desired.get(m));
    for (const p of kept) holders.get(p)!.push(m);
  }
  // A partition held by more members than it should be keeps the first ones.
  for (const p of partitions) holders.set(p, holders.get(p)!.slice(0, sharing));
  for (const p of partitions) for (const m of holders.get(p)!) out[m]!.push(p);
  // Fill, round-robin over the members still below their desired count.
  const unfilled = members.filter((m) => out[m]!.length < desired.get(m)!);
  let next = 0;
  for (const p of partitions) {
    const hs = holders.get(p)!;
    while (hs.length < sharing && unfilled.length > 0) {
      let placed = false;
      for (let tried = 0; tried < unfilled.length && !placed; tried++) {
        const k = (next + tried) % unfilled.length;
        const m = unfilled[k]!;
        if (hs.includes(m)) continue;
        hs.push(m);
        out[m]!.push(p);
        placed = true;
        if (out[m]!.length >= desired.get(m)!) {
          unfilled.splice(k, 1);
          next = unfilled.length > 0 ? k % unfilled.length : 0;
        } else next = (k + 1) % unfilled.length;
      }
      // No member below its share can take this partition: the slight imbalance is tolerated.
      if (!placed) break;
    }
  }
  for (const m of members) out[m]!.sort((a, b) => partitions.indexOf(a) - partitions.indexOf(b));
  return out;
}
