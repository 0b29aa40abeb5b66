// Many small file operations at once: one at a time, each waits for its own round trip through the
// file system's thread pool; a few dozen in flight keep it busy (writing the 10,000 output files
// of 5,000 documents went from 9.5 s to about 2 s), while staying well under the open-file limit.

/** File operations in flight at once: enough to keep the file system busy, few enough for its handles. */
const AT_ONCE = 32;

/**
 * Runs `run` over the items, AT_ONCE at a time; `run` gets each item's index too. After a failure
 * no new item starts, and the first failure is thrown once those in flight have ended, so that a
 * caller cleaning up (removing a staging folder) never races a write still under way.
 */
export async function eachAtOnce<T>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await run(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(AT_ONCE, items.length) }, lane));
  const failure = lanes.find((lane) => lane.status === 'rejected');
  if (failure) throw failure.reason;
}
