// Reads the value bytes of one record (topic, partition, offset) with a throw-away read_committed
// consumer. A CLI concern only: stages never read Kafka outside @cwp/stream-runtime.
import { randomBytes } from 'node:crypto';
import { createKafkaClient, type KafkaSecurity } from '@cwp/stream-runtime';

/** The value bytes at topic/partition/offset, or null when the offset holds no value. */
export async function readRecordValue(connection: { brokers: readonly string[]; security: KafkaSecurity }, topic: string, partition: number, offset: string, timeoutMs = 20_000): Promise<Buffer | null> {
  const kafka = createKafkaClient({ clientId: 'cwp-decrypt', ...connection });
  const consumer = kafka.consumer({ groupId: `cwp-decrypt.${randomBytes(6).toString('hex')}`, readUncommitted: false });
  await consumer.connect();
  try {
    let found: ((v: Buffer | null) => void) | undefined;
    const result = new Promise<Buffer | null>((resolve) => { found = resolve; });
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: ({ partition: p, message }) => {
        if (p === partition && message.offset === offset) found?.(message.value);
        return Promise.resolve();
      },
    });
    consumer.seek({ topic, partition, offset });
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no record at ${topic}/${partition}@${offset} within ${timeoutMs} ms`)), timeoutMs).unref());
    return await Promise.race([result, timer]);
  } finally {
    await consumer.disconnect();
  }
}
