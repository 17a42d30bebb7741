package org.modux.usr.procps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** pstree's ASCII tree, as psmisc draws it. */
class PstreeTest {

    private final List<Proc> procs = new ArrayList<>();

    private void proc(int pid, int ppid, String comm) {
        procs.add(new Proc(pid, comm, 'S', ppid, 0, 0, 0, -1, 0x208040, 0, 0, 20, 0, 1, 0, 0, 0, 0, 0,
                "[" + comm + "]"));
    }

    private void kthreads() {
        proc(2, 0, "kthreadd");
        proc(3, 2, "pool_workqueue_");
        proc(4, 2, "kworker/R-rcu_g");
        proc(14, 2, "ksoftirqd/0");
        proc(18, 2, "migration/0");
        proc(22, 2, "ksoftirqd/1");
        proc(23, 2, "kworker/R-rcu_g");
    }

    @Test
    void childrenAreSortedByNameAndIdenticalOnesMerged() {
        kthreads();
        assertEquals("""
                kthreadd-+-ksoftirqd/0
                         |-ksoftirqd/1
                         |-2*[kworker/R-rcu_g]
                         |-migration/0
                         `-pool_workqueue_
                """, new Pstree(procs, false, false, true, 132, true).dump(2));
    }

    @Test
    void withPidsNothingIsMergedAndNSortsByPid() {
        kthreads();
        assertEquals("""
                kthreadd(2)-+-pool_workqueue_(3)
                            |-kworker/R-rcu_g(4)
                            |-ksoftirqd/0(14)
                            |-migration/0(18)
                            |-ksoftirqd/1(22)
                            `-kworker/R-rcu_g(23)
                """, new Pstree(procs, true, true, true, 132, true).dump(2));
    }

    @Test
    void deeperTreesDrawTheirBranchesAndAnOnlyChildJoinsWithThreeDashes() {
        proc(1, 0, "init");
        proc(5, 1, "sh");
        proc(6, 5, "ps");
        proc(7, 1, "getty");
        proc(8, 1, "sh");
        proc(9, 8, "ps");
        assertEquals("""
                init-+-getty
                     `-2*[sh---ps]
                """, new Pstree(procs, false, false, true, 132, true).dump(1));
        assertEquals("""
                init-+-getty
                     |-sh---ps
                     `-sh---ps
                """, new Pstree(procs, false, false, false, 132, true).dump(1));
    }

    @Test
    void linesAreCutToTheWidthEndingInAPlus() {
        kthreads();
        assertEquals("""
                kthreadd-+-ksofti+
                         |-ksofti+
                         |-2*[kwo+
                         |-migrat+
                         `-pool_w+
                """, new Pstree(procs, false, false, true, 18, true).dump(2));
    }

    @Test
    void aMissingRootPrintsNothing() {
        kthreads();
        Pstree tree = new Pstree(procs, false, false, true, 132, true);
        assertFalse(tree.has(1));
        assertEquals("", tree.dump(1));
    }
}
