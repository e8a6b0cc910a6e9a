/* esp32c3-sim reset code: QEMU virt with -bios none jumps here (RAM at
 * 0x80000000, the ELF already loaded in place). Sets the stack and global
 * pointers, zeroes .bss, runs main and passes its status to board_exit. */
  .section .text.start, "ax"
  .option arch, +zicsr
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, fault
  csrw mtvec, t0
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  call main
  call board_exit

/* Any exception (illegal instruction, access fault) ends the run with a
 * status the runner cannot produce, instead of spinning until the timeout. */
  .balign 4
fault:
  la sp, __stack_top
  call board_fault

/* RISC-V semihosting call: a0 = operation, a1 = parameter block. The three
 * instructions must be uncompressed and in one page (RISC-V semihosting
 * spec §2.1), hence norvc and the alignment. */
  .section .text.semihost, "ax"
  .globl semihost_call
  .balign 16
semihost_call:
  .option push
  .option norvc
  slli zero, zero, 0x1f
  ebreak
  srai zero, zero, 7
  .option pop
  ret

/* board_spin(n): exactly 2 instructions per iteration. */
  .section .text.board_spin, "ax"
  .globl board_spin
board_spin:
1:
  addi a0, a0, -1
  bnez a0, 1b
  ret
