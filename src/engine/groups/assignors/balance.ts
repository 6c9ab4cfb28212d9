import type { Assignment } from './types';

/**
 * AbstractStickyAssignorTest.isFullyBalanced: the members' partition counts differ by at most one. Kafka
 * guarantees this for round-robin, sticky and uniform when every member subscribes to the same topics.
 */
export function isBalanced(assignment: Readonly<Assignment>): boolean {
  const sizes = Object.values(assignment).map((partitions) => partitions.length);
  if (sizes.length === 0) return true;
  return Math.max(...sizes) - Math.min(...sizes) <= 1;
}
