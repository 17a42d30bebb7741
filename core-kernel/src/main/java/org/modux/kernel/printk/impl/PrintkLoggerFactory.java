package org.modux.kernel.printk.impl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Locale;

import org.modux.kernel.module.impl.ModuleName;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.Printk;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The OSGi Log Service's {@link LoggerFactory} (OSGi R7, chapter 101) over printk,
 * so what the framework's own services log joins the kernel log: Declarative
 * Services, for one, reports a module whose init threw through it, as
 * {@code scr: initfail: ...}, instead of printing a stack trace on the console.
 * Error, warn and audit are logged, at KERN_ERR, KERN_WARNING and KERN_NOTICE; info,
 * debug and trace are off (they would flood the ring buffer with every component's
 * every state change). An exception logs its message and causes at the same level
 * and its stack at KERN_DEBUG. Each logger is a proxy of the requested
 * {@link Logger} type, whose methods are all one thing.
 */
@Component(service = LoggerFactory.class)
public final class PrintkLoggerFactory implements LoggerFactory {

    private final Printk log;

    @Activate
    public PrintkLoggerFactory(@Reference Printk printk) {
        this.log = printk.subsystem("osgi");
    }

    @Override
    public Logger getLogger(String name) {
        return getLogger((Bundle) null, name, Logger.class);
    }

    @Override
    public Logger getLogger(Class<?> clazz) {
        return getLogger(FrameworkUtil.getBundle(clazz), clazz.getName(), Logger.class);
    }

    @Override
    public <L extends Logger> L getLogger(String name, Class<L> loggerType) {
        return getLogger((Bundle) null, name, loggerType);
    }

    @Override
    public <L extends Logger> L getLogger(Class<?> clazz, Class<L> loggerType) {
        return getLogger(FrameworkUtil.getBundle(clazz), clazz.getName(), loggerType);
    }

    @Override
    public <L extends Logger> L getLogger(Bundle bundle, String name, Class<L> loggerType) {
        String prefix = bundle == null ? name : ModuleName.of(bundle);
        boolean printf = FormatterLogger.class.isAssignableFrom(loggerType);
        InvocationHandler handler = (proxy, method, args) -> invoke(prefix, name, printf, method, args);
        return loggerType.cast(Proxy.newProxyInstance(loggerType.getClassLoader(), new Class<?>[] {loggerType},
                handler));
    }

    private Object invoke(String prefix, String name, boolean printf, Method method, Object[] args) {
        String m = method.getName();
        if (m.equals("getName")) {
            return name;
        }
        switch (m) {
            case "isErrorEnabled", "isWarnEnabled", "isAuditEnabled" -> {
                return true;
            }
            case "isTraceEnabled", "isDebugEnabled", "isInfoEnabled" -> {
                return false;
            }
            default -> {
                // A logging method, or one of Object's.
            }
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (m) {
                case "hashCode" -> System.identityHashCode(this) ^ name.hashCode();
                case "equals" -> args[0] == this;
                default -> "Logger[" + name + "]";
            };
        }
        if (!enabled(m)) {
            return null;
        }
        LogLevel level = switch (m) {
            case "error" -> LogLevel.ERR;
            case "warn" -> LogLevel.WARNING;
            default -> LogLevel.NOTICE;
        };
        if (args == null || !(args[0] instanceof String format)) {
            // A LoggerConsumer: the caller logs through the logger itself.
            return null;
        }
        Object[] params = args.length == 1 ? new Object[0]
                : args.length == 2 && args[1] instanceof Object[] array ? array
                : Arrays.copyOfRange(args, 1, args.length);
        Throwable thrown = params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
        String text = printf ? String.format(Locale.ROOT, format, params) : placeholders(format, params);
        log.printk(level, "%s: %s", prefix, text.strip());
        if (thrown != null) {
            log.printk(level, "%s: %s", prefix, thrown);
            for (Throwable c = thrown.getCause(); c != null; c = c.getCause()) {
                log.printk(level, "%s: caused by %s", prefix, c);
            }
            for (StackTraceElement e : thrown.getStackTrace()) {
                log.printk(LogLevel.DEBUG, "%s:   at %s", prefix, e);
            }
        }
        return null;
    }

    private static boolean enabled(String level) {
        return level.equals("error") || level.equals("warn") || level.equals("audit");
    }

    /** The OSGi Logger's "{}" placeholders, filled in order; "\\{}" stays literal. */
    static String placeholders(String format, Object[] params) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && format.startsWith("{}", i + 1)) {
                out.append("{}");
                i += 2;
            } else if (c == '{' && format.startsWith("}", i + 1) && next < params.length
                    && !(next == params.length - 1 && params[next] instanceof Throwable)) {
                out.append(params[next++]);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
