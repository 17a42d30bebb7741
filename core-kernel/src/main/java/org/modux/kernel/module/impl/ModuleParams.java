package org.modux.kernel.module.impl;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A module's parameters (Linux: kernel/params.c, {@code parse_args} and the
 * {@code module_param} machinery). A module declares them as the attributes of the
 * Metatype object class its components are configured by (bnd writes it from
 * {@code @ObjectClassDefinition} and {@code @Designate}); a value given to insmod
 * becomes a configuration the component is activated with, so init sees it. Names
 * match with '-', '_' and '.' alike. The current values are guarded by this
 * object's monitor.
 */
final class ModuleParams {

    /** One parameter: its Metatype attribute, the configuration PID it belongs to, its type. */
    record Param(String name, String pid, AttributeDefinition ad, ParamType type) {

        boolean isArray() {
            return ad.getCardinality() != 0;
        }

        int maxElements() {
            return ad.getCardinality() == Integer.MIN_VALUE || ad.getCardinality() == Integer.MAX_VALUE
                    ? Integer.MAX_VALUE : Math.abs(ad.getCardinality());
        }

        /** The type as modinfo shows it: "int", or "array of int". */
        String typeName() {
            return isArray() ? "array of " + type.modinfoName() : type.modinfoName();
        }

        String description() {
            return ad.getDescription() == null ? "" : ad.getDescription();
        }
    }


    static final ModuleParams NONE = new ModuleParams(Map.of());

    private final Map<String, Param> params;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private ModuleParams(Map<String, Param> params) {
        this.params = params;
        for (Param p : params.values()) {
            String[] defaults = p.ad.getDefaultValue();
            if (defaults != null) {
                try {
                    values.put(p.name, convert(p, String.join(",", defaults)));
                } catch (ErrnoException e) {
                    // A default Linux could not parse is shown as unset.
                }
            }
        }
    }

    /** The parameters {@code bundle} declares in its Metatype resources; none if it has no metatype. */
    static ModuleParams of(Bundle bundle, MetaTypeService metatype) {
        return of(declared(bundle, metatype));
    }

    private static ModuleParams of(Map<String, Param> declared) {
        return declared.isEmpty() ? NONE : new ModuleParams(declared);
    }

    private static Map<String, Param> declared(Bundle bundle, MetaTypeService metatype) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null) {
            return Map.of();
        }
        Map<String, Param> params = new LinkedHashMap<>();
        for (String pid : info.getPids()) {
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            if (ads == null) {
                continue;
            }
            for (AttributeDefinition ad : ads) {
                ParamType type = ParamType.of(ad);
                if (type != null) {
                    params.putIfAbsent(key(ad.getID()), new Param(key(ad.getID()).replace('.', '_'), pid, ad, type));
                }
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /**
     * The declarations of the module images loaded lately, by image content: loading
     * the same file again (the insmod, rmmod, insmod of a debugging session) does not
     * read its Metatype resources again. An image is looked up by its CRC32C and
     * then compared byte for byte. The declarations hold no reference to the bundle
     * they were read from (Felix's attribute definitions keep only the data and the
     * localized strings).
     */
    static final class Declarations {

        private static final int KEPT = 32;

        private record Known(byte[] image, Map<String, Param> declared) {
        }

        private final Map<Long, Known> byChecksum = new LinkedHashMap<>(KEPT, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Known> eldest) {
                return size() > KEPT;
            }
        };

        /** The parameters of {@code bundle}, installed from {@code image}. */
        ModuleParams of(Bundle bundle, MetaTypeService metatype, byte[] image) {
            CRC32C crc = new CRC32C();
            crc.update(image);
            long checksum = crc.getValue();
            Known known;
            synchronized (byChecksum) {
                known = byChecksum.get(checksum);
            }
            if (known == null || !Arrays.equals(known.image, image)) {
                known = new Known(image.clone(), declared(bundle, metatype));
                synchronized (byChecksum) {
                    byChecksum.put(checksum, known);
                }
            }
            return ModuleParams.of(known.declared);
        }
    }

    private static String key(String name) {
        return name.replace('-', '_').replace('.', '_');
    }

    /** The declared parameters, in declaration order. */
    List<Param> list() {
        return List.copyOf(params.values());
    }

    /**
     * {@code parse_args}: parses insmod's argument string into values, then
     * configuration properties per PID, without changing anything.
     *
     * @throws ParamException Linux's message and errno for the first bad argument
     */
    Map<String, Hashtable<String, Object>> parse(String module, String args) throws ParamException {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (String[] arg : nextArgs(args)) {
            Param p = params.get(key(arg[0]));
            if (p == null) {
                throw new ParamException(Errno.EINVAL, module + ": Unknown parameter `" + arg[0] + "'");
            }
            try {
                parsed.put(p.name, convert(p, arg[1]));
            } catch (ErrnoException e) {
                throw new ParamException(e.errno(), module + ": `" + (arg[1] == null ? "" : arg[1])
                        + (e.errno() == Errno.ENOSPC ? "' too large for parameter `" : "' invalid for parameter `")
                        + arg[0] + "'");
            }
        }
        Map<String, Hashtable<String, Object>> byPid = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : parsed.entrySet()) {
            Param p = params.get(e.getKey());
            byPid.computeIfAbsent(p.pid, pid -> new Hashtable<>()).put(p.ad.getID(), e.getValue());
        }
        synchronized (this) {
            values.putAll(parsed);
        }
        return byPid;
    }

    /** Parses one written value for {@code name}, as a write to /sys/module/NAME/parameters/ does. */
    synchronized Object set(Param p, String text) throws ErrnoException {
        Object value = convert(p, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        values.put(p.name, value);
        return value;
    }

    /** Every current value of the parameters configured under {@code pid}. */
    synchronized Hashtable<String, Object> properties(String pid) {
        Hashtable<String, Object> props = new Hashtable<>();
        for (Param p : params.values()) {
            Object v = values.get(p.name);
            if (p.pid.equals(pid) && v != null) {
                props.put(p.ad.getID(), v);
            }
        }
        return props;
    }

    /** The value as /sys/module/NAME/parameters/P shows it ({@code param_get_*}, {@code param_array_get}). */
    synchronized String show(Param p) {
        Object v = values.get(p.name);
        if (v == null) {
            // Linux shows the variable, which is zero until something is stored in it.
            return p.isArray() ? "" : p.type == ParamType.CHARP ? "(null)" : p.type.format(p.type.zero());
        }
        if (!v.getClass().isArray()) {
            return p.type.format(v);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Array.getLength(v); i++) {
            parts.add(p.type.format(Array.get(v, i)));
        }
        return String.join(",", parts);
    }

    /** One value, scalar or comma-separated array, checked against the type and the Metatype range. */
    private static Object convert(Param p, String text) throws ErrnoException {
        if (text == null) {
            if (p.type == ParamType.BOOL && !p.isArray()) {
                return Boolean.TRUE;
            }
            throw new ErrnoException(Errno.EINVAL);
        }
        try {
            if (!p.isArray()) {
                return checked(p, text, p.type.parse(text));
            }
            String[] elements = text.isEmpty() ? new String[0] : text.split(",", -1);
            if (elements.length > p.maxElements()) {
                throw new ErrnoException(Errno.EINVAL);
            }
            Object array = Array.newInstance(p.type.valueClass(), elements.length);
            for (int i = 0; i < elements.length; i++) {
                Array.set(array, i, checked(p, elements[i], p.type.parse(elements[i])));
            }
            return array;
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL);
        }
    }

    private static Object checked(Param p, String text, Object value) throws ErrnoException {
        if (p.type == ParamType.CHARP && text.length() > ParamType.MAX_CHARP) {
            throw new ErrnoException(Errno.ENOSPC);
        }
        String verdict = p.ad.validate(p.type.metatypeValue(value));
        if (verdict != null && !verdict.isEmpty()) {
            throw new ErrnoException(Errno.EINVAL);
        }
        return value;
    }

    /**
     * {@code next_arg} (lib/cmdline.c): splits at spaces outside double quotes into
     * {name, value} pairs; a bare name has a null value; quotes are removed.
     */
    static List<String[]> nextArgs(String args) {
        if (args == null || args.isBlank()) {
            return Collections.emptyList();
        }
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int n = args.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(args.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            int equals = -1;
            for (; i < n && (quoted || !Character.isWhitespace(args.charAt(i))); i++) {
                char c = args.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    continue;
                }
                if (c == '=' && equals < 0) {
                    equals = word.length();
                }
                word.append(c);
            }
            out.add(equals < 0 ? new String[] {word.toString(), null}
                    : new String[] {word.substring(0, equals), word.substring(equals + 1)});
        }
        return out;
    }

    /** A bad module argument: the kernel log line and the errno insmod reports. */
    static final class ParamException extends Exception {
        private static final long serialVersionUID = 1L;
        final Errno errno;

        ParamException(Errno errno, String logLine) {
            super(logLine, null, false, false);
            this.errno = errno;
        }
    }
}
