package org.modux.usr.kmod;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A module's parameters read from the Metatype resources in its jar
 * (OSGI-INF/metatype/*.xml, OSGi Compendium 105), without installing it: the
 * attributes of every object class a {@code Designate pid} points at, in file
 * name then document order, as the kernel's loader takes them (its ParamType and
 * ModuleParams): Boolean is bool; Short, Integer and Long are short, int and long,
 * unsigned when the definition refuses -1 (a {@code min} of 0 or more); String is
 * charp; a cardinality makes an array; other types are not parameters.
 * Descriptions starting with '%' are looked up in the bundle's localization file.
 */
final class MetatypeReader {

    private static final String METATYPE_DIR = "OSGI-INF/metatype/";
    private static final String DEFAULT_LOCALIZATION = "OSGI-INF/l10n/bundle";

    private MetatypeReader() {
    }

    static boolean isMetatype(String entry) {
        return entry.startsWith(METATYPE_DIR) && entry.endsWith(".xml");
    }

    /** The parameters declared by the metatype resources among {@code entries} (name to bytes). */
    static List<ModuleParam> params(Map<String, byte[]> entries) throws IOException {
        Map<String, ModuleParam> params = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
            if (!isMetatype(e.getKey())) {
                continue;
            }
            Element root = parse(e.getValue()).getDocumentElement();
            Properties l10n = localization(entries, root.getAttribute("localization"));
            Map<String, Element> ocds = new LinkedHashMap<>();
            for (Element ocd : children(root, "OCD")) {
                ocds.put(ocd.getAttribute("id"), ocd);
            }
            for (Element designate : children(root, "Designate")) {
                if (designate.getAttribute("pid").isEmpty()) {
                    continue;
                }
                for (Element object : children(designate, "Object")) {
                    Element ocd = ocds.get(object.getAttribute("ocdref"));
                    if (ocd == null) {
                        continue;
                    }
                    for (Element ad : children(ocd, "AD")) {
                        ModuleParam p = param(ad, l10n);
                        if (p != null) {
                            params.putIfAbsent(p.name(), p);
                        }
                    }
                }
            }
        }
        return List.copyOf(params.values());
    }

    /** One attribute definition as a parameter, or null when its type is not a parameter type. */
    private static ModuleParam param(Element ad, Properties l10n) {
        String type = ad.getAttribute("type");
        boolean unsigned = refusesMinusOne(ad);
        String linux = switch (type) {
            case "Boolean" -> "bool";
            case "Short" -> unsigned ? "ushort" : "short";
            case "Integer" -> unsigned ? "uint" : "int";
            case "Long" -> unsigned ? "ulong" : "long";
            case "String" -> "charp";
            default -> null;
        };
        if (linux == null) {
            return null;
        }
        String cardinality = ad.getAttribute("cardinality");
        if (!cardinality.isEmpty() && !cardinality.strip().equals("0")) {
            linux = "array of " + linux;
        }
        String name = ad.getAttribute("id").replace('-', '_').replace('.', '_');
        return new ModuleParam(name, linux, localize(ad.getAttribute("description"), l10n));
    }

    /** Whether validating "-1" against the definition fails: below min, above max, or not an option value. */
    private static boolean refusesMinusOne(Element ad) {
        BigDecimal minusOne = BigDecimal.ONE.negate();
        if (below(ad.getAttribute("min"), minusOne, true) || below(ad.getAttribute("max"), minusOne, false)) {
            return true;
        }
        List<Element> options = children(ad, "Option");
        return !options.isEmpty() && options.stream().noneMatch(o -> o.getAttribute("value").strip().equals("-1"));
    }

    /** Whether {@code value} lies outside the bound: below min ({@code isMin}) or above max. */
    private static boolean below(String bound, BigDecimal value, boolean isMin) {
        if (bound.isBlank()) {
            return false;
        }
        try {
            int cmp = value.compareTo(new BigDecimal(bound.strip()));
            return isMin ? cmp < 0 : cmp > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String localize(String text, Properties l10n) {
        if (text.startsWith("%")) {
            return l10n.getProperty(text.substring(1), text.substring(1));
        }
        return text;
    }

    private static Properties localization(Map<String, byte[]> entries, String base) throws IOException {
        Properties p = new Properties();
        byte[] file = entries.get((base.isEmpty() ? DEFAULT_LOCALIZATION : base) + ".properties");
        if (file != null) {
            p.load(new ByteArrayInputStream(file));
        }
        return p;
    }

    private static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // Metatype files need no external entity; resolve none.
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("bad metatype resource: " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }
}
