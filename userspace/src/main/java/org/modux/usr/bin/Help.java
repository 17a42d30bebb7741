package org.modux.usr.bin;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code help}: lists the console's Linux tools with the one-line summary their man
 * page's NAME section gives, found from the registered commands of the modux scope,
 * so a tool a module adds shows up too. Gogo's own commands stay reachable by
 * their scope ({@code felix:lb}, {@code gogo:grep}).
 */
@Component(service = Help.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=help"})
public final class Help {

    private final BundleContext context;

    @Activate
    public Help(BundleContext context) {
        this.context = context;
    }

    @Descriptor("list the console commands")
    public void help() throws InvalidSyntaxException {
        Map<String, String> commands = new TreeMap<>();
        for (ServiceReference<?> ref : context.getServiceReferences((String) null,
                "(osgi.command.scope=" + Tool.SCOPE + ")")) {
            Object service = context.getService(ref);
            try {
                for (String fn : functions(ref.getProperty("osgi.command.function"))) {
                    commands.put(fn, describe(service, fn));
                }
            } finally {
                context.ungetService(ref);
            }
        }
        StringBuilder out = new StringBuilder("Modux console commands:\n");
        commands.forEach((name, text) -> out.append(String.format("  %-10s %s%n", name, text)));
        out.append("Gogo's own commands are reachable with their scope, e.g. felix:lb, gogo:grep.\n");
        Tool.out().print(out);
        Tool.out().flush();
    }

    private static String[] functions(Object property) {
        return property instanceof String[] a ? a : new String[] {String.valueOf(property)};
    }

    private static String describe(Object service, String function) {
        for (Method m : service.getClass().getMethods()) {
            Descriptor d = m.getAnnotation(Descriptor.class);
            if (m.getName().equals(function) && d != null) {
                return d.value();
            }
        }
        return "";
    }
}
