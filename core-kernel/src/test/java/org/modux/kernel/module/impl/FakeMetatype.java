package org.modux.kernel.module.impl;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A Metatype service holding the object classes of one module bundle, as Felix
 * Metatype reads them from the XML bnd writes for {@code @ObjectClassDefinition}.
 * Attribute validation answers as Felix's ADValidator does for numbers, booleans
 * and strings.
 */
class FakeMetatype implements MetaTypeService {

    private final Map<String, AttributeDefinition[]> byPid = new LinkedHashMap<>();

    /** Declares the attributes configured under {@code pid}; returns this for chaining. */
    FakeMetatype designate(String pid, AttributeDefinition... ads) {
        byPid.put(pid, ads);
        return this;
    }

    /** A scalar attribute without a range. */
    static Ad ad(String id, int type, String... defaults) {
        return new Ad(id, type, 0, null, null, defaults.length == 0 ? null : defaults);
    }

    /** A numeric attribute with {@code min} and {@code max} (either may be null). */
    static Ad ranged(String id, int type, Long min, Long max, String... defaults) {
        return new Ad(id, type, 0, min, max, defaults.length == 0 ? null : defaults);
    }

    /** An array attribute of at most {@code cardinality} elements. */
    static Ad array(String id, int type, int cardinality) {
        return new Ad(id, type, cardinality, null, null, null);
    }

    @Override
    public MetaTypeInformation getMetaTypeInformation(Bundle bundle) {
        if (byPid.isEmpty()) {
            return null;
        }
        return new MetaTypeInformation() {
            @Override
            public String[] getPids() {
                return byPid.keySet().toArray(String[]::new);
            }

            @Override
            public String[] getFactoryPids() {
                return new String[0];
            }

            @Override
            public Bundle getBundle() {
                return bundle;
            }

            @Override
            public ObjectClassDefinition getObjectClassDefinition(String id, String locale) {
                return new Ocd(id, byPid.get(id));
            }

            @Override
            public String[] getLocales() {
                return null;
            }
        };
    }

    private record Ocd(String id, AttributeDefinition[] ads) implements ObjectClassDefinition {
        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return null;
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            return filter == OPTIONAL ? new AttributeDefinition[0] : ads;
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    }

    /** One attribute definition. */
    record Ad(String id, int type, int cardinality, Long min, Long max, String[] defaults)
            implements AttributeDefinition {
        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "the " + id;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return null;
        }

        @Override
        public String[] getOptionLabels() {
            return null;
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }

        /** As ADValidator: "" when valid, else why not. */
        @Override
        public String validate(String value) {
            if (value == null) {
                return "missing required value";
            }
            switch (type) {
                case BOOLEAN:
                    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? "" : "invalid value";
                case STRING:
                    return "";
                case SHORT, INTEGER, LONG:
                    long n;
                    try {
                        n = switch (type) {
                            case SHORT -> Short.parseShort(value.strip());
                            case INTEGER -> Integer.parseInt(value.strip());
                            default -> Long.parseLong(value.strip());
                        };
                    } catch (NumberFormatException e) {
                        return "invalid value";
                    }
                    if (min != null && n < min) {
                        return "less than minimum";
                    }
                    if (max != null && n > max) {
                        return "greater than maximum";
                    }
                    return "";
                default:
                    return null;
            }
        }
    }
}
