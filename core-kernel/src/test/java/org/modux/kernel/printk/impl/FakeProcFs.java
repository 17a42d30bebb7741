package org.modux.kernel.printk.impl;

import java.util.HashMap;
import java.util.Map;

import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.ProcOps;
import org.modux.fs.proc.ProcWrite;
import org.modux.fs.proc.SeqShow;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** A procfs that keeps the raw-operation files it is given, by path, with their modes. */
final class FakeProcFs implements ProcFs {

    final Map<String, ProcOps> ops = new HashMap<>();
    final Map<String, Integer> modes = new HashMap<>();

    @Override
    public void mkdir(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void create(String path, int mode, SeqShow show, ProcWrite write) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void create(String path, int mode, ProcOps procOps) throws ErrnoException {
        if (ops.containsKey(path)) {
            throw new ErrnoException(Errno.EEXIST);
        }
        ops.put(path, procOps);
        modes.put(path, mode);
    }

    @Override
    public void symlink(String path, String target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String path) throws ErrnoException {
        if (ops.remove(path) == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        modes.remove(path);
    }
}
