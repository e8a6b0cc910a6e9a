/* esp8266-lx106 reset code for QEMU's xtensa sim machine, which starts the
 * core at the ELF entry (-device loader,...,cpu-num=0) with no stack. The
 * lx106 has no register windows: the call0 ABI, a1 is the stack pointer. */
  .section .text.start, "ax"
  .literal_position
  .literal .Lstack_top, __stack_top
  .literal .Lbss_start, __bss_start
  .literal .Lbss_end, __bss_end
  .literal .Lmain, main
  .literal .Lexit, board_exit
  .global _start
  .align 4
_start:
  l32r a1, .Lstack_top
  l32r a2, .Lbss_start
  l32r a3, .Lbss_end
  movi a4, 0
1:
  bgeu a2, a3, 2f
  s32i a4, a2, 0
  addi a2, a2, 4
  j 1b
2:
  l32r a0, .Lmain
  callx0 a0
  l32r a0, .Lexit
  callx0 a0

/* board_spin(n): exactly 2 instructions per iteration. */
  .section .text.board_spin, "ax"
  .global board_spin
  .align 4
board_spin:
1:
  addi a2, a2, -1
  bnez a2, 1b
  ret
