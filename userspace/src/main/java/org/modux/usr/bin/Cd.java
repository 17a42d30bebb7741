package org.modux.usr.bin;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.modux.fs.FileMode;
import org.modux.fs.Vfs;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shell's working directory: {@code cd} (chdir(2); bash's builtin, default
 * $HOME = /root) and {@code pwd} (getcwd(3)). The directory is kept per console
 * session, in the session's java.nio current directory, where Gogo's own
 * redirections and commands find it too.
 */
@Component(service = Cd.class,
        property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=cd", "osgi.command.function=pwd"})
public final class Cd {

    static final String HOME = "/root";

    private final Vfs vfs;
    private final VfsFileSystem fs;

    @Activate
    public Cd(@Reference Vfs vfs, @Reference VfsFileSystem fs) {
        this.vfs = vfs;
        this.fs = fs;
    }

    @Descriptor("change the working directory")
    public void cd(CommandSession session, String... args) {
        if (args.length > 1) {
            Tool.fail(1, "cd: too many arguments");
            return;
        }
        String target = args.length == 0 ? HOME : args[0];
        try {
            String path = vfs.realpath(Tool.abs(session, target));
            if (!FileMode.isDir(vfs.stat(path).mode())) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            Tool.chdir(session, fs, path);
        } catch (ErrnoException e) {
            Tool.fail(1, "cd: %s: %s", target, e.getMessage());
        }
    }

    @Descriptor("print name of current/working directory")
    public void pwd(CommandSession session) {
        Tool.out().print(Tool.cwd(session) + "\n");
        Tool.out().flush();
    }
}
