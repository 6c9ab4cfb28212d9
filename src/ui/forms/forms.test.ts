import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink, type ShareRun } from '../../scenarios/link/index';
import { nextGroupId } from './AddGroupForm';
import { clientCheck } from './CreateTopicForm';
import { defaultIdempotence, formConfig } from './ProducerForm';
import { offsetTarget } from './ResetOffsetsForm';

describe('the group and topic forms', () => {
  it('turns the --reset-offsets choice into the engine’s target, and says what is missing', () => {
    expect(offsetTarget('earliest', '', '')).toEqual({ to: 'earliest' });
    expect(offsetTarget('latest', '', '')).toEqual({ to: 'latest' });
    expect(offsetTarget('offset', '12', '')).toEqual({ to: { offset: 12 } });
    expect(offsetTarget('datetime', '', '2.5')).toEqual({ to: { timestampMs: 2_500 } });
    expect(offsetTarget('offset', '-1', '')).toHaveProperty('error');
    expect(offsetTarget('offset', '1.5', '')).toHaveProperty('error');
    expect(offsetTarget('datetime', '', '')).toHaveProperty('error');
  });

  it('refuses what the kafka-topics client refuses before asking the cluster, in its words', () => {
    expect(clientCheck('3', '3')).toBeNull();
    // A replication factor above the broker count is the controller's to refuse, not the client's.
    expect(clientCheck('3', '4')).toBeNull();
    expect(clientCheck('3', '0')).toBe('The replication factor must be between 1 and 32767 inclusive');
    expect(clientCheck('3', '40000')).toBe('The replication factor must be between 1 and 32767 inclusive');
    expect(clientCheck('0', '1')).toBe('The partitions must be greater than 0');
  });

  it('names a new group after the ones that exist', () => {
    expect(nextGroupId([])).toBe('group-1');
    expect(nextGroupId(['group-1', 'group-3'])).toBe('group-2');
  });

  it('sends linger.ms, buffer.memory and max.block.ms only when changed, and a link carries them', () => {
    const was = { lingerMs: '5', bufferMemory: '1048576', maxBlockMs: '60000' };
    const same = { acks: 'all', idempotence: true, idempotenceSet: false, ...was };
    expect(formConfig(same, was)).toEqual({ acks: 'all' });
    const config = formConfig(
      {
        ...same,
        acks: '1',
        idempotence: false,
        idempotenceSet: true,
        lingerMs: '0',
        bufferMemory: '65536',
        maxBlockMs: '0',
      },
      was,
    );
    expect(config).toEqual({
      acks: 1,
      'enable.idempotence': false,
      'linger.ms': 0,
      'buffer.memory': 65_536,
      'max.block.ms': 0,
    });
    const run: ShareRun = {
      scenario: 'orders',
      seed: 1,
      actions: [{ atMs: 1_000, command: { type: 'setProducerConfig', producerId: 'checkout', config } }],
      positionMs: 2_000,
    };
    expect(decodeShareLink(encodeShareLink(run))).toStrictEqual({ ok: true, run });
  });

  it('shows enable.idempotence as Kafka resolves it when it was not set: on for acks=all only', () => {
    expect(defaultIdempotence({}, 'all')).toBe(true);
    expect(defaultIdempotence({}, '1')).toBe(false);
    expect(defaultIdempotence({}, '0')).toBe(false);
    // retries=0 turns the default off too (ProducerConfig.postProcessAndValidateIdempotenceConfigs).
    expect(defaultIdempotence({ retries: 0 }, 'all')).toBe(false);
  });
});
