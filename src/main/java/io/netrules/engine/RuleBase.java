package io.netrules.engine;

import io.netrules.capture.ClusterInputs;
import io.netrules.capture.FactSources;
import io.netrules.model.Layer;
import io.netrules.model.Severity;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule base built from rule files, with the metadata and remediation text of every rule ID.
 * Building checks what every rule needs (ID, severity, layer, scope, known inputs, a remediation
 * text) and reports each problem as {@code file:line: message}.
 *
 * <p>Node rules and the rest (cluster and links rules) go into two KieBases, made at the same time
 * on two threads: node sessions never need the cluster rules, and the cluster session never needs
 * the node rules. A rule file therefore holds rules of one kind. From the pre-built model, a pair
 * is made per network plugin when a capture of it is first evaluated ({@link #kieBases}); the
 * metadata of every rule is known before any of them is made.
 */
public final class RuleBase {
    /** Inputs the engine derives itself rather than reading from one file. */
    public static final String PRIMARY_INTERFACE = "primary-interface";
    /**
     * The SDN MTU set for the whole cluster in its API objects: OpenShift 4's ClusterNetwork
     * {@code mtu} (OKD 3.11 sets the MTU per node, in node-config, and its ClusterNetwork has no
     * mtu). Collected when a ClusterNetwork with an mtu was read, so that a rule that compares
     * with it is not evaluated, rather than quiet, on 3.11.
     */
    public static final String CLUSTER_MTU = "cluster-mtu";

    /** The node KieBase and the cluster (and links) KieBase of one set of rules. */
    public record KieBases(KieBase node, KieBase cluster) {
    }

    /**
     * A rule's name and its annotations, as a KieBase (or the pre-built model's manifest) gives
     * them; and, from the manifest, the display name of its file and its line there (null and 0:
     * found by searching the DRL).
     */
    public record RuleInfo(String name, Map<String, Object> metaData, String file, int line) {
        public RuleInfo(String name, Map<String, Object> metaData) {
            this(name, metaData, null, 0);
        }
    }

    /** Makes the KieBases of the rules that apply to a plugin (null: every rule). */
    private interface KieBaseMaker {
        KieBases make(RuleBase rules, String plugin);
    }

    /** The key of the KieBases of every rule (the plugin is not known). */
    private static final String EVERY_RULE = "";

    private final KieBaseMaker maker;
    private final java.util.concurrent.ConcurrentHashMap<String, KieBases> kieBases =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, RuleMeta> byRuleName;
    private final Map<String, RuleDoc> byId;

    private final List<RuleMeta> linkRules;

    private RuleBase(KieBaseMaker maker, Map<String, RuleMeta> byRuleName, Map<String, RuleDoc> byId,
                     List<RuleMeta> linkRules) {
        this.maker = maker;
        this.byRuleName = byRuleName;
        this.byId = byId;
        this.linkRules = linkRules;
    }

    /** The root-cause link rules ({@code @scope("links")}). */
    public List<RuleMeta> linkRules() {
        return linkRules;
    }

    /**
     * The KieBases of the rules that apply to a capture of this network plugin: the plugin's and
     * the plugin-neutral ones; every rule when the plugin is not known (null). Made on first use
     * and kept: from the pre-built model, only the model classes of those rules are loaded, so a
     * capture of one plugin never loads nor builds the other plugins' rules. The rule IDs, their
     * docs and what is not applicable come from {@link #docs()}, which always has every rule.
     */
    public KieBases kieBases(String plugin) {
        String key = plugin == null || !io.netrules.plugin.NetworkPlugins.known(plugin) ? EVERY_RULE : plugin;
        KieBases made = kieBases.get(key);
        return made != null ? made
                : kieBases.computeIfAbsent(key, k -> maker.make(this, EVERY_RULE.equals(k) ? null : k));
    }

    /** The node rules of every plugin: node sessions of a capture whose plugin is not known. */
    public KieBase nodeKieBase() {
        return kieBases(null).node();
    }

    /** The cluster and links rules of every plugin. */
    public KieBase clusterKieBase() {
        return kieBases(null).cluster();
    }

    public RuleMeta meta(String ruleName) {
        return byRuleName.get(ruleName);
    }

    /** Every rule ID, sorted. */
    public Map<String, RuleDoc> docs() {
        return byId;
    }

    public RuleDoc doc(String id) {
        return byId.get(id);
    }

    public static boolean knownInput(String input) {
        return FactSources.isNodeInput(input) || ClusterInputs.isClusterInput(input) || PRIMARY_INTERFACE.equals(input)
                || CLUSTER_MTU.equals(input) || ClusterInputs.POD_LOGS.equals(input)
                || io.netrules.plugin.NetworkPlugins.all().stream().anyMatch(p -> p.derivedNodeInputs().contains(input));
    }

    private static final Pattern SCOPE = Pattern.compile("@scope\\(\\s*\"?(\\w+)\"?\\s*\\)");

    /** A KieBase compiled from some files, or the errors that stopped it. */
    private record Compiled(KieBase kieBase, List<String> errors) {
    }

    private static final AtomicLong BUILDS = new AtomicLong();

    /**
     * Compiles the files once into a KieBase. Not with KieHelper: its verify() and build() each
     * compile everything (twice the start-up time), and both builds of a RuleBase would install
     * their module under the repository's one default release ID, where the node build could pick
     * up the cluster build's module. Each compile gets its own release ID, dropped from the
     * repository once the KieBase exists (the KieBase does not need it).
     */
    private static Compiled compile(List<RuleFile> files, String tag) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("io.netrules.rules", "rules-" + tag, "1." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(id);
        Map<String, RuleFile> byResource = writeResources(kfs, files, tag);
        ClassLoader loader = RuleBase.class.getClassLoader();
        Results results = ks.newKieBuilder(kfs, loader).buildAll().getResults();
        List<String> errors = errors(results, byResource);
        if (!errors.isEmpty()) {
            ks.getRepository().removeKieModule(id);
            return new Compiled(null, errors);
        }
        try {
            return new Compiled(ks.newKieContainer(id, loader).getKieBase(), errors);
        } finally {
            ks.getRepository().removeKieModule(id);
        }
    }

    /**
     * Writes the files into a KieFileSystem under synthetic resource names, which keep Drools
     * happy whatever the user's paths look like; returns them by resource, so that errors can be
     * mapped back to the display path.
     */
    static Map<String, RuleFile> writeResources(KieFileSystem kfs, List<RuleFile> files, String tag) {
        Map<String, RuleFile> byResource = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            RuleFile f = files.get(i);
            String resource = packageFolder(f.drl()) + tag + i + "_" + baseName(f.display());
            byResource.put(resource, f);
            kfs.write("src/main/resources/" + resource, f.drl());
        }
        return byResource;
    }

    /** A build's errors as {@code file:line: message} lines. */
    static List<String> errors(Results results, Map<String, RuleFile> byResource) {
        List<String> errors = new ArrayList<>();
        for (Message m : results.getMessages(Message.Level.ERROR)) {
            RuleFile f = m.getPath() == null ? null : byResource.get(stripResources(m.getPath()));
            String where = f == null ? (m.getPath() == null ? "rules" : m.getPath()) : f.display();
            errors.add(where + ":" + Math.max(m.getLine(), 1) + ": " + oneLine(m.getText()));
        }
        return errors;
    }

    /** Files split into node rule files and the rest (cluster and links), or the errors. */
    private record Split(List<RuleFile> node, List<RuleFile> other) {
    }

    private static Split split(List<RuleFile> files) throws RuleBuildException {
        List<String> errors = new ArrayList<>();
        List<RuleFile> nodeFiles = new ArrayList<>();
        List<RuleFile> otherFiles = new ArrayList<>();
        for (RuleFile f : files) {
            Set<String> scopes = new java.util.TreeSet<>();
            Matcher m = SCOPE.matcher(f.drl());
            while (m.find()) {
                scopes.add(m.group(1).toLowerCase());
            }
            if (scopes.contains("node") && scopes.size() > 1) {
                errors.add(f.display() + ":1: a rule file holds node rules or cluster/links rules, not both; this one"
                        + " has " + scopes);
            } else if (scopes.contains("node")) {
                nodeFiles.add(f);
            } else {
                otherFiles.add(f);
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleBuildException(errors);
        }
        return new Split(nodeFiles, otherFiles);
    }

    /**
     * The built-in rules: from the executable model made when the jar was built
     * ({@link PrebuiltRules}) when it was made from exactly these DRL files, else compiled from the
     * DRL as {@link #build} does (with a line on standard error when a model exists but does not
     * match, since start-up then takes seconds longer).
     */
    public static RuleBase builtin(List<RuleFile> files) throws RuleBuildException {
        return builtin(files, RuleBase.class.getClassLoader());
    }

    static RuleBase builtin(List<RuleFile> files, ClassLoader loader) throws RuleBuildException {
        PrebuiltRules.Loaded prebuilt = PrebuiltRules.load(files, loader);
        if (prebuilt.prebuilt() == null) {
            if (!prebuilt.whyNot().startsWith("no pre-built")) {
                System.err.println("netrules: " + prebuilt.whyNot() + "; compiling the rules instead");
            }
            return build(files);
        }
        return fromPrebuilt(files, prebuilt.prebuilt());
    }

    /**
     * The rule base of the pre-built model of exactly these files. Its metadata comes from the
     * model's manifest; the KieBases of a plugin are created when first asked for, from the model
     * classes that hold its rules, each model's rules split between the node and the other KieBase
     * by the file that holds them as {@link #build} splits files, the two created at the same time.
     */
    static RuleBase fromPrebuilt(List<RuleFile> files, PrebuiltRules.Prebuilt prebuilt) throws RuleBuildException {
        Split split = split(files);
        Set<String> nodeFiles = new HashSet<>();
        split.node().forEach(f -> nodeFiles.add(f.display()));
        KieBaseMaker maker = (rules, plugin) -> {
            List<org.drools.model.Model> nodeModels = new ArrayList<>();
            List<org.drools.model.Model> otherModels = new ArrayList<>();
            for (PrebuiltRules.ModelRules modelRules : prebuilt.models()) {
                if (modelRules.rules().stream().noneMatch(r -> applies(rules.meta(r.name()), plugin))) {
                    continue;
                }
                org.drools.model.Model model = prebuilt.instantiate(modelRules.modelClass());
                List<org.drools.model.Rule> nodeRules = new ArrayList<>();
                List<org.drools.model.Rule> otherRules = new ArrayList<>();
                for (org.drools.model.Rule rule : model.getRules()) {
                    RuleMeta meta = rules.meta(rule.getName());
                    if (!applies(meta, plugin)) {
                        continue;
                    }
                    (meta != null && nodeFiles.contains(meta.file()) ? nodeRules : otherRules).add(rule);
                }
                nodeModels.add(subset(model, nodeRules));
                otherModels.add(subset(model, otherRules));
            }
            java.util.concurrent.CompletableFuture<KieBase> nodeBuild = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(nodeModels));
            KieBase other = org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(otherModels);
            return new KieBases(nodeBuild.join(), other);
        };
        return assemble(files, prebuilt.rules(), maker);
    }

    /** Whether a rule goes into the KieBases of this plugin (null: the plugin is not known, every rule). */
    private static boolean applies(RuleMeta meta, String plugin) {
        return plugin == null || meta == null || meta.appliesTo(plugin);
    }

    /** The model with only these rules, and all its types, globals, queries and entry points. */
    private static org.drools.model.Model subset(org.drools.model.Model model, List<org.drools.model.Rule> rules) {
        org.drools.model.impl.ModelImpl part = new org.drools.model.impl.ModelImpl(model.getName());
        part.withRules(rules).withQueries(model.getQueries()).withGlobals(model.getGlobals());
        model.getTypeMetaDatas().forEach(part::addTypeMetaData);
        return new org.drools.model.Model() {
            @Override
            public String getName() {
                return model.getName();
            }

            @Override
            public String getPackageName() {
                return model.getPackageName();
            }

            @Override
            public List<org.drools.model.Global> getGlobals() {
                return part.getGlobals();
            }

            @Override
            public List<org.drools.model.Rule> getRules() {
                return part.getRules();
            }

            @Override
            public List<org.drools.model.Query> getQueries() {
                return part.getQueries();
            }

            @Override
            public List<org.drools.model.TypeMetaData> getTypeMetaDatas() {
                return part.getTypeMetaDatas();
            }

            @Override
            public List<org.drools.model.EntryPoint> getEntryPoints() {
                return model.getEntryPoints();
            }
        };
    }

    public static RuleBase build(List<RuleFile> files) throws RuleBuildException {
        Split split = split(files);
        List<RuleFile> nodeFiles = split.node();
        List<RuleFile> otherFiles = split.other();
        List<String> errors = new ArrayList<>();
        java.util.concurrent.CompletableFuture<Compiled> nodeBuild =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> compile(nodeFiles, "n"));
        Compiled other = compile(otherFiles, "c");
        Compiled node = nodeBuild.join();
        errors.addAll(node.errors());
        errors.addAll(other.errors());
        if (!errors.isEmpty()) {
            throw new RuleBuildException(errors);
        }
        // Compiled from DRL: one pair of KieBases with every rule, whatever the plugin (another
        // plugin's rules are never fired: Evaluator blocks them).
        KieBases all = new KieBases(node.kieBase(), other.kieBase());
        List<RuleInfo> infos = new ArrayList<>();
        for (KieBase kb : List.of(all.node(), all.cluster())) {
            for (KiePackage pkg : kb.getKiePackages()) {
                for (Rule rule : pkg.getRules()) {
                    infos.add(new RuleInfo(rule.getName(), rule.getMetaData()));
                }
            }
        }
        return assemble(files, infos, (rules, plugin) -> all);
    }

    /**
     * The one place where the rules' metadata is read (from the rules' annotations, as the
     * KieBases or the pre-built model's manifest give them, and the DRL files that hold them) and
     * checked, whichever way the KieBases are made.
     */
    private static RuleBase assemble(List<RuleFile> files, List<RuleInfo> rules, KieBaseMaker maker)
            throws RuleBuildException {
        List<String> errors = new ArrayList<>();
        Map<String, RuleFile> byDisplay = new HashMap<>();
        files.forEach(f -> byDisplay.putIfAbsent(f.display(), f));
        Map<String, RuleFile> index = null;
        Map<String, RuleMeta> byRuleName = new LinkedHashMap<>();
        Map<String, List<RuleMeta>> rulesById = new TreeMap<>();
        List<RuleMeta> linkRules = new ArrayList<>();
        for (RuleInfo rule : rules) {
            RuleFile f;
            int line;
            if (rule.file() != null && rule.line() > 0 && byDisplay.containsKey(rule.file())) {
                // Where the pre-built model's manifest says it is (made from these very files).
                f = byDisplay.get(rule.file());
                line = rule.line();
            } else {
                if (index == null) {
                    index = filesByRuleName(files);
                }
                f = fileOf(rule.name(), index, files);
                line = f == null ? 1 : lineOf(f.drl(), rule.name());
            }
            String display = f == null ? "rules" : f.display();
            if (byRuleName.containsKey(rule.name())) {
                // Two KieBases cannot see each other's names: check across them here.
                errors.add(display + ":" + line + ": Duplicate rule name: " + rule.name());
                continue;
            }
            RuleMeta meta = meta(rule, display, line, f == null ? null : f.plugin(), errors);
            if (meta != null && meta.scope() == RuleMeta.Scope.LINKS) {
                byRuleName.put(rule.name(), meta);
                linkRules.add(meta);
            } else if (meta != null) {
                byRuleName.put(rule.name(), meta);
                rulesById.computeIfAbsent(meta.id(), k -> new ArrayList<>()).add(meta);
            }
        }
        Map<String, RuleText> texts = new HashMap<>();
        for (RuleFile f : files) {
            if (f.remediation() == null) {
                continue;
            }
            RuleText t = RuleText.parse(f.remediationDisplay(), f.remediation(), errors);
            if (t.id() != null) {
                texts.put(t.id(), t);
            }
        }
        Map<String, RuleDoc> byId = new TreeMap<>();
        for (Map.Entry<String, List<RuleMeta>> e : rulesById.entrySet()) {
            List<RuleMeta> metas = e.getValue();
            metas.sort(java.util.Comparator.comparing(RuleMeta::file).thenComparingInt(RuleMeta::line));
            RuleMeta first = metas.get(0);
            for (RuleMeta m : metas) {
                if (m.severity() != first.severity() || !m.layer().equals(first.layer()) || m.scope() != first.scope()
                        || !java.util.Objects.equals(m.plugin(), first.plugin())) {
                    errors.add(m.file() + ":" + m.line() + ": rule \"" + m.ruleName() + "\" shares ID " + m.id()
                            + " with rule \"" + first.ruleName() + "\" but not its severity, layer, scope or plugin");
                }
            }
            RuleText text = texts.get(e.getKey());
            if (text == null) {
                errors.add(first.file() + ":" + first.line() + ": no remediation text for " + e.getKey()
                        + " (expected " + baseName(first.file()).replaceAll("\\.drl$", ".md") + " beside the rule)");
            }
            byId.put(e.getKey(), new RuleDoc(e.getKey(), first.severity(), first.layer(), first.guide(), first.scope(),
                    List.copyOf(metas), text, first.plugin()));
        }
        if (!errors.isEmpty()) {
            throw new RuleBuildException(errors);
        }
        // In file order, not in the order the KieBase happens to list its packages.
        linkRules.sort(java.util.Comparator.comparing(RuleMeta::file).thenComparingInt(RuleMeta::line));
        return new RuleBase(maker, byRuleName, byId, List.copyOf(linkRules));
    }

    /** The annotation of a rule that is sound on part of the namespaces (see {@link RuleMeta#perNamespace()}). */
    public static final String PER_NAMESPACE = "perNamespace";

    private static final Set<String> META_KEYS = Set.of("id", "severity", "layer", "guide", "scope", "requires",
            "plugin", PER_NAMESPACE);

    /** What {@code @plugin} takes besides a plugin's ID: a rule of every plugin. */
    public static final String EVERY_PLUGIN = "common";

    /**
     * The rule's network plugin: its {@code @plugin("<id>")} annotation when it has one
     * ({@code @plugin("common")}: every plugin), else its folder's ({@code folderPlugin}).
     */
    private static String plugin(Map<String, Object> md, String folderPlugin, String where, List<String> errors) {
        if (!md.containsKey("plugin")) {
            return folderPlugin;
        }
        String p = str(md.get("plugin"));
        if (EVERY_PLUGIN.equals(p)) {
            return null;
        }
        if (p == null || !io.netrules.plugin.NetworkPlugins.known(p)) {
            errors.add(where + "@plugin names an unknown network plugin '" + p + "'; one of "
                    + io.netrules.plugin.NetworkPlugins.ids() + " or \"" + EVERY_PLUGIN + "\"");
            return folderPlugin;
        }
        return p;
    }

    private static RuleMeta meta(RuleInfo rule, String file, int line, String folderPlugin, List<String> errors) {
        Map<String, Object> md = rule.metaData();
        String where = file + ":" + line + ": rule \"" + rule.name() + "\": ";
        String plugin = plugin(md, folderPlugin, where, errors);
        if ("links".equalsIgnoreCase(str(md.get("scope")))) {
            // A root-cause link rule finds nothing itself: it needs no ID, severity or layer.
            for (String key : md.keySet()) {
                if (!key.equals("scope") && !key.equals("guide") && !key.equals("plugin")) {
                    errors.add(where + "a @scope(\"links\") rule takes only @scope, @guide and @plugin, not @" + key);
                }
            }
            return new RuleMeta(rule.name(), null, null, null, str(md.get("guide")), RuleMeta.Scope.LINKS,
                    List.of(), file, line, plugin);
        }
        String id = str(md.get("id"));
        if (id == null || !id.matches("NR-[A-Z]+-\\d{3}")) {
            errors.add(where + "needs @id(\"NR-XXX-NNN\")" + (id == null ? "" : ", not \"" + id + "\""));
            return null;
        }
        Severity severity;
        try {
            severity = Severity.valueOf(String.valueOf(str(md.get("severity"))));
        } catch (IllegalArgumentException e) {
            errors.add(where + "needs @severity(ERROR|WARN|INFO)");
            return null;
        }
        String layer = str(md.get("layer"));
        if (!Layer.known(layer)) {
            errors.add(where + "needs @layer, one of " + Layer.ALL);
            return null;
        }
        RuleMeta.Scope scope;
        try {
            scope = RuleMeta.Scope.valueOf(String.valueOf(str(md.get("scope"))).toUpperCase());
        } catch (IllegalArgumentException e) {
            errors.add(where + "needs @scope(node|cluster)");
            return null;
        }
        String guide = str(md.get("guide"));
        if (guide == null || guide.isBlank()) {
            errors.add(where + "needs @guide(\"<guide section>\")");
            return null;
        }
        List<List<String>> requires = new ArrayList<>();
        String req = str(md.get("requires"));
        if (req != null && !req.isBlank()) {
            for (String part : req.split(",")) {
                List<String> alternatives = Arrays.stream(part.split("\\|")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList();
                for (String a : alternatives) {
                    if (!knownInput(a)) {
                        errors.add(where + "@requires names an unknown input '" + a + "'");
                    }
                }
                if (!alternatives.isEmpty()) {
                    requires.add(alternatives);
                }
            }
        }
        for (String key : md.keySet()) {
            if (!META_KEYS.contains(key)) {
                errors.add(where + "unknown annotation @" + key);
            }
        }
        boolean perNamespace = md.containsKey(PER_NAMESPACE);
        if (perNamespace && md.get(PER_NAMESPACE) != null && !String.valueOf(md.get(PER_NAMESPACE)).isBlank()
                && !"true".equals(str(md.get(PER_NAMESPACE)))) {
            errors.add(where + "@" + PER_NAMESPACE + " takes no value (or \"true\"), not " + md.get(PER_NAMESPACE));
        }
        Set<String> namespaced = io.netrules.capture.mustgather.MustGather.NAMESPACED_PARTIAL_KINDS;
        if (perNamespace && requires.stream().flatMap(List::stream).noneMatch(namespaced::contains)) {
            errors.add(where + "@" + PER_NAMESPACE + " on a rule that requires no namespaced input "
                    + new java.util.TreeSet<>(namespaced));
        }
        return new RuleMeta(rule.name(), id, severity, layer, guide, scope, requires, file, line, plugin,
                perNamespace);
    }

    private static String str(Object o) {
        if (o == null) {
            return null;
        }
        String s = String.valueOf(o).strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static final Pattern RULE_NAME = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"\\\\]*)\"");

    /** Which file declares each rule name (the first, as {@link #fileOf} finds it), in one pass. */
    static Map<String, RuleFile> filesByRuleName(List<RuleFile> files) {
        Map<String, RuleFile> byName = new HashMap<>();
        for (RuleFile f : files) {
            Matcher m = RULE_NAME.matcher(f.drl());
            while (m.find()) {
                byName.putIfAbsent(m.group(1), f);
            }
        }
        return byName;
    }

    /** The file of a rule: from the index when the name is a plain one, else by searching. */
    static RuleFile fileOf(String ruleName, Map<String, RuleFile> index, List<RuleFile> files) {
        RuleFile f = index.get(ruleName);
        return f != null ? f : fileOf(ruleName, files);
    }

    private static RuleFile fileOf(String ruleName, List<RuleFile> files) {
        Pattern p = Pattern.compile("(?m)^\\s*rule\\s+\"" + Pattern.quote(ruleName) + "\"");
        for (RuleFile f : files) {
            if (p.matcher(f.drl()).find()) {
                return f;
            }
        }
        return null;
    }

    static int lineOf(String drl, String ruleName) {
        Matcher m = Pattern.compile("(?m)^\\s*rule\\s+\"" + Pattern.quote(ruleName) + "\"").matcher(drl);
        if (!m.find()) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (drl.charAt(i) == '\n') {
                line++;
            }
        }
        // The match may start at the previous line's end when leading blanks span lines.
        return line;
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");

    /** The folder Drools expects for the DRL's package (it warns when they differ). */
    private static String packageFolder(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1).replace('.', '/') + "/" : "";
    }

    private static String baseName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String stripResources(String path) {
        return path.startsWith("src/main/resources/") ? path.substring("src/main/resources/".length()) : path;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
