// The scenario format as JSON Schema, for editors and for people writing scenarios by hand.
import { z } from 'zod';
import { scenarioSchema } from './schema';

/** JSON Schema (draft 2020-12) of the scenario file format as a file may be written (defaults not yet applied). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input' }) as Record<string, unknown>;
}
