package org.modux.usr.procps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pstree (psmisc, pstree(1); psmisc: src/pstree.c, {@code add_proc}, {@code add_child},
 * {@code dump_tree}) in its ASCII form: children sorted by name (by pid with -n),
 * identical sibling subtrees merged as "N*[name]" unless -c or -p, "-+-", "|-", "`-"
 * and "---" joining them, lines cut at the output width with a '+'.
 */
public final class Pstree {

    /** psmisc's KTHREADD_PID, whose tree -k adds. */
    public static final int KTHREADD_PID = 2;

    /** A node of the tree ({@code PROC}). */
    private static final class Node {
        final int pid;
        String comm;
        final List<Node> children = new ArrayList<>();

        Node(int pid, String comm) {
            this.pid = pid;
            this.comm = comm;
        }
    }

    private final Map<Integer, Node> nodes = new HashMap<>();
    private final boolean pids;
    private final boolean byPid;
    private final boolean compact;
    private final int width;
    private final boolean trunc;
    private final StringBuilder out = new StringBuilder();
    private final List<Integer> widths = new ArrayList<>();
    private final List<Boolean> more = new ArrayList<>();
    private int curX = 1;

    /**
     * @param pids -p: show pids (which turns compaction off)
     * @param byPid -n: sort siblings by pid
     * @param compact false for -c
     * @param width the output width (COLUMNS, the terminal's, else 132)
     * @param trunc false for -l
     */
    public Pstree(List<Proc> procs, boolean pids, boolean byPid, boolean compact, int width, boolean trunc) {
        this.pids = pids;
        this.byPid = byPid;
        this.compact = compact && !pids;
        this.width = width;
        this.trunc = trunc;
        for (Proc p : procs) {
            addProc(p.comm(), p.pid(), p.ppid());
        }
    }

    /** {@code add_proc}: a parent not (yet) seen is a placeholder "?". */
    private void addProc(String comm, int pid, int ppid) {
        Node me = nodes.get(pid);
        if (me == null) {
            me = new Node(pid, comm);
            nodes.put(pid, me);
        } else {
            me.comm = comm;
        }
        if (pid == ppid) {
            ppid = 0;
        }
        Node parent = nodes.computeIfAbsent(ppid, p -> new Node(p, "?"));
        if (pid != 0) {
            addChild(parent, me);
        }
    }

    /** {@code add_child}: sorted by name, or by pid with -n; a new one goes after its equals. */
    private void addChild(Node parent, Node child) {
        int at = 0;
        for (; at < parent.children.size(); at++) {
            Node c = parent.children.get(at);
            if (byPid ? c.pid > child.pid : c.comm.compareTo(child.comm) > 0) {
                break;
            }
        }
        parent.children.add(at, child);
    }

    /** Whether {@code pid} is in the tree. */
    public boolean has(int pid) {
        Node n = nodes.get(pid);
        return n != null && !(n.comm.equals("?") && pid == 0);
    }

    /** {@code dump_tree} of the subtree at {@code pid}; nothing if there is none. */
    public String dump(int pid) {
        out.setLength(0);
        Node root = nodes.get(pid);
        if (root != null && has(pid)) {
            dump(root, 0, 1, true, true, 0);
        }
        return out.toString();
    }

    private void dump(Node current, int level, int rep, boolean leaf, boolean last, int closing) {
        if (!leaf) {
            for (int lvl = 0; lvl < level; lvl++) {
                for (int i = widths.get(lvl) + 1; i > 0; i--) {
                    outChar(' ');
                }
                outString(lvl == level - 1 ? last ? "`-" : "|-" : more.get(lvl + 1) ? "| " : "  ");
            }
        }
        int add = 0;
        if (rep >= 2) {
            String n = Integer.toString(rep);
            outString(n);
            outString("*[");
            add = n.length() + 2;
        }
        int commLen = outString(current.comm);
        int offset = curX;
        if (pids) {
            outChar('(');
            outString(Integer.toString(current.pid));
            outChar(')');
        }
        if (current.children.isEmpty()) {
            for (int i = 0; i < closing; i++) {
                outChar(']');
            }
            newline();
        }
        set(more, level, !last);
        set(widths, level, commLen + curX - offset + add);
        if (curX >= width && trunc) {
            outString("-+-");
            outString("+");
            newline();
            return;
        }
        List<Node> kids = new ArrayList<>(current.children);
        boolean first = true;
        for (int i = 0; i < kids.size(); i++) {
            Node child = kids.get(i);
            int count = 0;
            if (compact) {
                for (int j = i + 1; j < kids.size();) {
                    if (treeEqual(child, kids.get(j))) {
                        kids.remove(j);
                        count++;
                    } else {
                        j++;
                    }
                }
            }
            boolean hasNext = i + 1 < kids.size();
            if (first) {
                outString(hasNext ? "-+-" : "---");
                first = false;
            }
            dump(child, level + 1, count + 1, i == 0, !hasNext, closing + (count > 0 ? 1 : 0));
        }
    }

    /** {@code tree_equal}: same names all the way down. */
    private static boolean treeEqual(Node a, Node b) {
        if (!a.comm.equals(b.comm) || a.children.size() != b.children.size()) {
            return false;
        }
        for (int i = 0; i < a.children.size(); i++) {
            if (!treeEqual(a.children.get(i), b.children.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static <T> void set(List<T> list, int i, T value) {
        while (list.size() <= i) {
            list.add(value);
        }
        list.set(i, value);
    }

    /** {@code out_char}: past the width, one '+' and then nothing. */
    private void outChar(char c) {
        curX++;
        if (!trunc || curX <= width) {
            out.append(c);
        } else if (curX == width + 1) {
            out.append('+');
        }
    }

    /** {@code out_args}-like: prints and returns the number of columns used. */
    private int outString(String s) {
        for (int i = 0; i < s.length(); i++) {
            outChar(s.charAt(i));
        }
        return s.length();
    }

    private void newline() {
        out.append('\n');
        curX = 1;
    }
}
