// Share groups on screen: the engine's ShareGroupView as it is, kept between frames while nothing in it
// changed, so that a share group's card and its share-partition rows re-render only when they must.
import type { ShareGroupView } from '../../engine/index';

/**
 * Structural equality of plain view data (numbers, strings, arrays, objects). A share group's view is
 * small (its members and up to 40 in-flight records per partition), so walking it every frame is cheap.
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => samePlain((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export const sameShareGroup = (a: ShareGroupView, b: ShareGroupView): boolean => samePlain(a, b);
