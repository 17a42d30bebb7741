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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceFactory;
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
 *
 * <p>Each command object is made when a shell first runs one of its commands, as
 * DS makes a delayed component when its service is first used: a boot whose
 * console never runs grep does not load gogo.jline's POSIX tools.
 */
@Component(service = GogoCommands.class)
public final class GogoCommands {

    /**
     * gogo.jline's command objects and their functions, one line each, as
     * gogo.jline 1.1.8 lists them (package-private there); GogoCommandsTest checks
     * this table against it. Class names are strings so that registering does not
     * load the classes.
     */
    enum Commands {
        BUILTIN("org.apache.felix.gogo.jline.Builtin",
                "format", "getopt", "new", "set", "tac", "type",
                "jobs", "fg", "bg",
                "keymap", "setopt", "unsetopt", "complete", "history", "widget",
                "__files", "__directories", "__usage_completion"),
        PROCEDURAL("org.apache.felix.gogo.jline.Procedural",
                "each", "if", "not", "throw", "try", "until", "while", "break", "continue"),
        POSIX("org.apache.felix.gogo.jline.Posix",
                "cat", "echo", "grep", "sort", "sleep", "cd", "pwd", "ls",
                "less", "watch", "nano", "tmux",
                "head", "tail", "clear", "wc",
                "date", "ttop"),
        SHELL("org.apache.felix.gogo.jline.Shell",
                "gosh", "sh", "source", "help");

        final String type;
        final String[] functions;

        Commands(String type, String... functions) {
            this.type = type;
            this.functions = functions;
        }
    }

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public GogoCommands(@Reference CommandProcessor processor, BundleContext context) {
        BundleContext system = context.getBundle(0).getBundleContext();
        registrations.add(context.registerService(Converter.class, new Converters(system), null));
        for (Commands commands : Commands.values()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(CommandProcessor.COMMAND_SCOPE, "gogo");
            properties.put(CommandProcessor.COMMAND_FUNCTION, commands.functions);
            registrations.add(context.registerService(commands.type,
                    new OnFirstUse(commands, processor, system), properties));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        registrations.clear();
    }

    /** Makes one set's command object when a shell first asks for it; every shell then shares it. */
    private static final class OnFirstUse implements ServiceFactory<Object> {

        private final Commands commands;
        private final CommandProcessor processor;
        private final BundleContext system;
        private Object object;

        OnFirstUse(Commands commands, CommandProcessor processor, BundleContext system) {
            this.commands = commands;
            this.processor = processor;
            this.system = system;
        }

        @Override
        public synchronized Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
            if (object == null) {
                object = switch (commands) {
                    case BUILTIN -> new Builtin();
                    case PROCEDURAL -> new Procedural();
                    case POSIX -> new Posix(processor);
                    case SHELL -> new Shell(new ShellContext(system), processor);
                };
            }
            return object;
        }

        @Override
        public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
            // Kept for the next command: gogo.jline's activator registers one object too.
        }
    }

    /** What Gogo's shell asks of its host: properties, and exit, which stops the framework. */
    private record ShellContext(BundleContext system) implements Shell.Context {

        @Override
        public String getProperty(String name) {
            return system.getProperty(name);
        }

        @Override
        public void exit() throws BundleException {
            system.getBundle().stop();
        }
    }
}
