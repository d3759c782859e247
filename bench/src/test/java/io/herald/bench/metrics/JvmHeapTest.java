package io.herald.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmHeapTest {

  @Test
  void g1HeapIsItsFirstUsedFigure() {
    String g1 = """
        12345:
         garbage-first heap   total 36864K, used 20480K [0x00000000e0000000, 0x0000000100000000)
          region size 1024K, 3 young (3072K), 1 survivors (1024K)
         Metaspace       used 30000K, committed 30400K, reserved 1114112K
          class space    used 3000K, committed 3200K, reserved 1048576K
        """;
    assertThat(JvmHeap.used(g1)).isEqualTo(20480L * 1024);
  }

  @Test
  void serialHeapOfJdk25IsDefNewPlusTenured() {
    String serial = """
        21727:
        DefNew     total 116160K, used 31005K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
         eden space 103296K,  30% used [0x0000000687400000, 0x0000000689247610, 0x000000068d8e0000)
         from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
        Tenured    total 258048K, used 1166K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
         the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8, 0x0000000714950000)
        """;
    assertThat(JvmHeap.used(serial)).isEqualTo((31005L + 1166) * 1024);
  }

  @Test
  void serialHeapIsYoungPlusTenured() {
    String serial = """
        12345:
         def new generation   total 9792K, used 1024K [0x00000000e0000000, 0x00000000e0aa0000, 0x00000000eaaa0000)
          eden space 8704K,  11% used [0x00000000e0000000, 0x00000000e00f0000, 0x00000000e0880000)
         tenured generation   total 21760K, used 40000K [0x00000000eaaa0000, 0x00000000ebfe0000, 0x0000000100000000)
         Metaspace       used 30000K, committed 30400K, reserved 1114112K
        """;
    assertThat(JvmHeap.used(serial)).isEqualTo(41024L * 1024);
  }
}
