package org.modux.fs.proc.impl;

import org.modux.fs.FileSystemType;
import org.modux.fs.Inode;
import org.modux.fs.SuperBlock;
import org.osgi.service.component.annotations.Component;

/**
 * procfs (Linux: fs/proc/root.c): the filesystem type "proc" and the one tree of
 * entries every mount of it shows. Subsystems add entries through their own
 * {@link org.modux.fs.proc.ProcFs} instance ({@link ProcFsService}).
 */
@Component(service = {FileSystemType.class, ProcRoot.class}, property = FileSystemType.NAME_PROPERTY + "=proc")
public final class ProcRoot implements FileSystemType {

    private final ProcTree tree = new ProcTree();

    ProcTree tree() {
        return tree;
    }

    @Override
    public String name() {
        return "proc";
    }

    @Override
    public SuperBlock mount(String source, long flags, String data) {
        Inode root = new ProcInode(tree, tree.root);
        return () -> root;
    }
}
