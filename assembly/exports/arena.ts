// The host's working region in static memory. The engine allocates nothing:
// a host that calls the crypto exports writes its arguments here, passes
// pointers into it, and reads results back. The host decides the layout
// (host/engine.ts); the engine only promises the region's size.

export const ARENA_SIZE: u32 = 40960;
const arena = memory.data(ARENA_SIZE, 16);

export function arenaPtr(): usize {
  return arena;
}

export function arenaSize(): u32 {
  return ARENA_SIZE;
}
