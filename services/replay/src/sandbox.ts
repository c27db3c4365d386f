// Sandbox topics: the only topics a replay may write, so replayed child data never lands in a
// production topic a stage or a stakeholder reads. Created on demand like the source.
import type { Admin } from 'kafkajs';
import { UsageError } from './errors.js';

const SANDBOX = /^sandbox\.[A-Za-z0-9._-]{1,200}$/;

/** Returns `name` when it is a legal sandbox topic (sandbox.<something>) other than the source. */
export function assertSandboxTopic(name: string, source: string): string {
  if (!SANDBOX.test(name)) throw new UsageError(`--to-topic ${JSON.stringify(name.slice(0, 60))}: replays write only to sandbox topics named sandbox.<name> (letters, digits, . _ -)`);
  if (name === source) throw new UsageError('--to-topic must differ from --topic');
  return name;
}

/** Creates `topic` with `partitions` partitions when missing; an existing one must have at least as many. */
export async function ensureTopic(admin: Admin, topic: string, partitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  if (!existing.has(topic)) {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions }] });
    return;
  }
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const have = meta.topics[0]?.partitions.length ?? 0;
  if (have < partitions) throw new UsageError(`sandbox topic ${topic} has ${have} partition(s), fewer than the source's ${partitions}: choose a new sandbox name`);
}
