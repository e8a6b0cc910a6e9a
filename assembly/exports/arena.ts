// The host's working region. The engine allocates nothing and keeps no
// region for the host in its static data: the arena is the memory past the
// module's static data (__heap_base), which no engine code touches. A Node
// host writes its arguments there, passes pointers into it and reads results
// back; a board port that calls the engine directly never needs it, so it
// costs a board no RAM.

export const ARENA_SIZE: u32 = 40960;

export function arenaPtr(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

export function arenaSize(): u32 {
  return ARENA_SIZE;
}
