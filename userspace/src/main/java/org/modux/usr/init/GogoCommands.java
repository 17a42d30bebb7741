package org.modux.usr.init;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.gogo.jline.Builtin;
import org.apache.felix.gogo.jline.Converters;
import org.apache.felix.gogo.jline.Posix;
import org.apache.felix.gogo.jline.Procedural;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo's shell commands for init's console: gogo.jline's built-ins (set, type,
 * jobs ...), control flow (each, if, while ...), its POSIX tools (grep, head, wc,
 * sort ...) and the shell's own (sh, source, gosh), with its converters, registered
 * as gogo.jline's activator registers them. The console is init's, so the
 * launcher leaves gogo.jline resolved, not started: beside these commands its
 * activator builds a system terminal and starts a Gogo shell that nobody reads,
 * the longest part of the console's start. Init references this component, so
 * the commands are there before the console runs its first line.
 */
@Component(service = GogoCommands.class)
public final class GogoCommands {

    /**
     * The functions of each command object, as gogo.jline 1.1.8 lists them
     * (package-private there); GogoCommandsTest checks this table against it.
     */
    static final String[] BUILTIN = {
        "format", "getopt", "new", "set", "tac", "type",
        "jobs", "fg", "bg",
        "keymap", "setopt", "unsetopt", "complete", "history", "widget",
        "__files", "__directories", "__usage_completion",
    };
    static final String[] PROCEDURAL = {"each", "if", "not", "throw", "try", "until", "while", "break", "continue"};
    static final String[] POSIX = {
        "cat", "echo", "grep", "sort", "sleep", "cd", "pwd", "ls",
        "less", "watch", "nano", "tmux",
        "head", "tail", "clear", "wc",
        "date", "ttop",
    };
    static final String[] SHELL = {"gosh", "sh", "source", "help"};

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public GogoCommands(@Reference CommandProcessor processor, BundleContext context) {
        BundleContext system = context.getBundle(0).getBundleContext();
        registrations.add(context.registerService(Converter.class, new Converters(system), null));
        register(context, Builtin.class, new Builtin(), BUILTIN);
        register(context, Procedural.class, new Procedural(), PROCEDURAL);
        register(context, Posix.class, new Posix(processor), POSIX);
        register(context, Shell.class, new Shell(new Shell.Context() {
            @Override
            public String getProperty(String name) {
                return context.getProperty(name);
            }

            @Override
            public void exit() throws BundleException {
                system.getBundle().stop();
            }
        }, processor), SHELL);
    }

    private void register(BundleContext context, Class<?> type, Object commands, String[] functions) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, "gogo");
        properties.put(CommandProcessor.COMMAND_FUNCTION, functions);
        registrations.add(context.registerService(type.getName(), commands, properties));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        registrations.clear();
    }
}
