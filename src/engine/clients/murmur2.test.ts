// murmur2 must agree with Kafka's Java client bit for bit. Every expected number below was produced by
// Java (or by a client that checks itself against Java) and is transcribed from the file named with it.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { murmur2, partitionForKey, toPositive, utf8 } from './murmur2';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('murmur2 matches Kafka Utils.murmur2', () => {
  // apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java#testMurmur2
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('UtilsTest.testMurmur2: %s -> %i', (key, expected) => {
    expect(murmur2(ascii(key))).toBe(expected);
  });

  // confluentinc/librdkafka src/rdmurmur2.c#unittest_murmur2 ("java_murmur2_results", int32 hex).
  // The suffixes of "1234" and of the long string exercise every tail length and word alignment.
  it.each([
    ['kafka', 0xd067cf64],
    ['giberish123456789', 0x8f552b0c],
    ['1234', 0x9fc97b14],
    ['234', 0xe7c009ca],
    ['34', 0x873930da],
    ['4', 0x5a4b5ca1],
    ['PreAmbleWillBeRemoved,ThePrePartThatIs', 0x78424f1c],
    ['reAmbleWillBeRemoved,ThePrePartThatIs', 0x4a62b377],
    ['eAmbleWillBeRemoved,ThePrePartThatIs', 0xe0e4e09e],
    ['AmbleWillBeRemoved,ThePrePartThatIs', 0x62b8b43f],
    ['', 0x106e08d9],
  ])('librdkafka unittest_murmur2: "%s"', (key, expectedHex) => {
    expect(murmur2(ascii(key))).toBe(expectedHex | 0);
  });

  it('an empty key is a real key: 0 bytes hash to 275646681 (librdkafka unittest_murmur2)', () => {
    expect(murmur2(new Uint8Array(0))).toBe(275646681);
    expect(partitionForKey('', 1000)).toBe(681);
  });

  // KafkaJS-collab/kafkajs src/producer/partitioners/default/murmur2.spec.js (KafkaJS >= 2.0.0, the
  // Java-compatible partitioner), "Generated with src/producer/partitioners/defaultJava/Test.java".
  const kafkajsJava: [string, number][] = [
    ['0', 971027396],
    ['1', -1993445489],
    ['128', -326012175],
    ['2187', -1508407203],
    ['16384', -325739742],
    ['78125', -1654490814],
    ['279936', 1462227128],
    ['823543', -2014198330],
    ['2097152', 607668903],
    ['4782969', -1182699775],
    ['10000000', -1830336757],
    ['19487171', -1603849305],
    ['35831808', -857013643],
    ['62748517', -1167431028],
    ['105413504', -381294639],
    ['170859375', -1658323481],
    ['100:48069', 1009543857],
  ];
  it.each(kafkajsJava)('KafkaJS Java-compatible murmur2.spec.js: %s -> %i', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  // tulios/kafkajs src/producer/partitioners/default/murmur2.spec.js at 04ef7a16 (KafkaJS 1.x, where
  // "default" was the float-arithmetic partitioner later renamed LegacyPartitioner). A port that copies
  // it, or that lets `*` overflow into floats, produces these numbers; Java does not.
  it.each([
    ['0', 272173970],
    ['1', 1311020360],
    ['128', 2053105854],
    ['2187', -2081355488],
    ['16384', 204404061],
    ['78125', -677491393],
    ['279936', -622460209],
    ['823543', 651276451],
    ['2097152', 944683677],
    ['4782969', -892695770],
    ['10000000', -1778616326],
    ['19487171', -518311627],
    ['35831808', 556972389],
    ['62748517', -233806557],
    ['105413504', -109398538],
    ['170859375', 102939717],
  ])('is not the KafkaJS legacy murmur2: %s must not hash to %i', (key, legacy) => {
    expect(murmur2(utf8(key))).not.toBe(legacy);
  });

  it('results are signed int32 for any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const h = murmur2(bytes);
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBe(h | 0);
      }),
    );
  });

  it('hashes a subarray view by its own bytes, not its backing buffer', () => {
    const backing = ascii('xxfoobarxx');
    expect(murmur2(backing.subarray(2, 8))).toBe(-790332482);
  });
});

describe('toPositive matches Kafka Utils.toPositive', () => {
  it('masks the sign bit instead of taking the absolute value', () => {
    // UtilsTest.testMurmur2's "foobar" hash, masked: the number the reference's partition examples use.
    expect(toPositive(-790332482)).toBe(1357151166);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(2147483647);
    expect(toPositive(479470107)).toBe(479470107);
  });

  // confluentinc/librdkafka src/rdmurmur2.c (2015 version, unittest_murmurhashneutral2) stored its
  // expected values with the sign bit already cleared, the way the Java partitioner uses them.
  it.each([
    ['kafka', 1348980580],
    ['amqp', 767747138],
    ['giberish123456789', 257239820],
  ])('librdkafka unittest_murmurhashneutral2: toPositive(murmur2("%s")) = %i', (key, expected) => {
    expect(toPositive(murmur2(ascii(key)))).toBe(expected);
  });
});

describe('partitionForKey matches BuiltInPartitioner.partitionForKey', () => {
  // kafka-reference.md section 1.1: "foobar" -> 1357151166 -> partition 0 of 1, 2, 3 or 6; 1 of 5; 6 of 10 or 12.
  it.each([
    [1, 0],
    [2, 0],
    [3, 0],
    [6, 0],
    [5, 1],
    [10, 6],
    [12, 6],
  ])('"foobar" goes to partition %i -> %i', (partitions, expected) => {
    expect(partitionForKey('foobar', partitions)).toBe(expected);
  });

  // dpkp/kafka-python test/test_partitioner.py#test_murmur2_java_compatibility: "compare with output
  // from Kafka's org.apache.kafka.clients.producer.Partitioner", 1000 partitions.
  it.each([
    [[], 681],
    [[0x61], 524],
    [[0x61, 0x62], 434],
    [[0x61, 0x62, 0x63], 107],
    [[0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39], 566],
    [[0x00, 0x20], 742],
  ])('kafka-python Java compatibility: bytes %j -> partition %i of 1000', (bytes, expected) => {
    expect(partitionForKey(Uint8Array.from(bytes), 1000)).toBe(expected);
  });

  it('is always in [0, n) and agrees for a string and its UTF-8 bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        (key, n) => {
          const p = partitionForKey(key, n);
          expect(Number.isInteger(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThan(n);
          expect(partitionForKey(Buffer.from(key, 'utf8'), n)).toBe(p);
        },
      ),
    );
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects a partition count of %s', (n) => {
    expect(() => partitionForKey('foobar', n)).toThrow(RangeError);
    expect(() => partitionForKey('foobar', n)).toThrow(/partitionCount/);
  });
});

describe('utf8 matches Java String.getBytes(UTF_8), as StringSerializer uses it', () => {
  it('encodes "héllo" as 6 bytes, so the key hashes 6 bytes and not 5', () => {
    expect([...utf8('héllo')]).toEqual([0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f]);
    expect(murmur2(utf8('héllo'))).toBe(murmur2(Uint8Array.from([0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f])));
    expect(murmur2(utf8('héllo'))).not.toBe(murmur2(Uint8Array.from([0x68, 0xe9, 0x6c, 0x6c, 0x6f])));
  });

  it('encodes 1-, 2-, 3- and 4-byte characters like any UTF-8 encoder', () => {
    expect([...utf8('A')]).toEqual([0x41]);
    expect([...utf8('\u07ff')]).toEqual([0xdf, 0xbf]);
    expect([...utf8('€')]).toEqual([0xe2, 0x82, 0xac]);
    expect([...utf8('\uffff')]).toEqual([0xef, 0xbf, 0xbf]);
    expect([...utf8('😀')]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
    expect([...utf8('\u{10ffff}')]).toEqual([0xf4, 0x8f, 0xbf, 0xbf]);
  });

  it('agrees with Node for every well-formed string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect([...utf8(s)]).toEqual([...Buffer.from(s, 'utf8')]);
      }),
    );
  });

  // OpenJDK java.lang.String.encodeUTF8_UTF16: an unpaired surrogate becomes one '?' (0x3F) byte when
  // replacing, and getBytes(Charset) always replaces. Node would write U+FFFD (EF BF BD) instead.
  it.each([
    ['\ud800', [0x3f]],
    ['\udc00', [0x3f]],
    ['a\ud800b', [0x61, 0x3f, 0x62]],
    ['\udc00\ud800', [0x3f, 0x3f]],
    ['\ud800\ud83d\ude00', [0x3f, 0xf0, 0x9f, 0x98, 0x80]],
    ['\ud83d\ude00\ude00', [0xf0, 0x9f, 0x98, 0x80, 0x3f]],
  ])('replaces unpaired surrogates in %j with "?" as Java does', (s, expected) => {
    expect([...utf8(s)]).toEqual(expected);
  });

  it('treats every unpaired surrogate as "?" and everything else as UTF-8 (property)', () => {
    const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 });
    // Java's rule restated independently: a high surrogate pairs only with the low one right after it.
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
    fc.assert(
      fc.property(codeUnits, (units) => {
        const s = String.fromCharCode(...units);
        expect([...utf8(s)]).toEqual([...Buffer.from(s.replace(lone, '?'), 'utf8')]);
      }),
    );
  });
});
