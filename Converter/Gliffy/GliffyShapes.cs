using System.Collections.Frozen;

namespace Diagrams.Converter.Gliffy;

/// <summary>
/// The mapping table: Gliffy shape ids (<c>uid</c>, e.g. <c>com.gliffy.shape.flowchart.flowchart_v1.default.decision</c>)
/// and stencil ids (<c>tid</c>, e.g. <c>com.gliffy.stencil.rectangle.basic_v1</c>) to draw.io style prefixes.
/// The prefixes are trusted constants; the importer appends the object's own colours, stroke and so on, and a key
/// already set by the prefix wins. A shape found in neither table becomes a labelled rectangle that records its uid.
/// </summary>
internal static class GliffyShapes
{
    private const string Basic = "com.gliffy.shape.basic.basic_v1.default.";
    private const string Flow = "com.gliffy.shape.flowchart.flowchart_v1.default.";
    private const string Flow2 = "com.gliffy.shape.flowchart.flowchart_v2.default.";
    private const string Uml1 = "com.gliffy.shape.uml.uml_v1.default.";
    private const string Uml2 = "com.gliffy.shape.uml.uml_v2.";
    private const string Lanes = "com.gliffy.shape.swimlanes.swimlanes_v1.default.";
    private const string Net = "com.gliffy.shape.network.network_v4.";
    private const string Cisco = "com.gliffy.shape.cisco.cisco_v1.";
    private const string Mind = "com.gliffy.shape.mindmap.mindmap_v1.default.";

    public const string Rectangle = "rounded=0";
    public const string Group = "group";
    public const string Text = "text";
    private const string Rounded = "rounded=1;arcSize=15;absoluteArcSize=1";
    private const string Ellipse = "ellipse";
    private const string Diamond = "rhombus";
    private const string Note = "shape=note;size=10;boundedLbl=1";
    private const string Pool = "swimlane;collapsible=0;startSize=0;fontStyle=0;container=1";
    private const string Transparent = "rounded=0;fillColor=none;strokeColor=none;container=1;collapsible=0";

    /// <summary>Basic and flowchart shapes by short name; shared by both flowchart versions and by the tid table.</summary>
    private static readonly (string Name, string Style)[] Common =
    [
        ("rectangle", Rectangle), ("square", Rectangle), ("round_rectangle", Rounded),
        ("ellipse", Ellipse), ("circle", Ellipse), ("triangle", "triangle;direction=north"),
        ("right_triangle", "shape=mxgraph.basic.orthogonal_triangle"), ("diamond", Diamond),
        ("hexagon", "shape=hexagon;perimeter=hexagonPerimeter2;size=0.25"), ("pentagon", "shape=mxgraph.basic.pentagon"),
        ("octagon", "shape=mxgraph.basic.octagon2;dx=15"), ("parallelogram", "shape=parallelogram;perimeter=parallelogramPerimeter"),
        ("trapezoid", "shape=trapezoid;perimeter=trapezoidPerimeter"), ("star", "shape=mxgraph.basic.star"),
        ("cylinder", "shape=cylinder3;boundedLbl=1;size=15"), ("cloud", "ellipse;shape=cloud"), ("cross", "shape=cross;size=0.3"),
        ("right_arrow", "shape=singleArrow;arrowWidth=0.5;arrowSize=0.3"),
        ("left_arrow", "shape=singleArrow;arrowWidth=0.5;arrowSize=0.3;direction=west"),
        ("up_arrow", "shape=singleArrow;arrowWidth=0.5;arrowSize=0.3;direction=north"),
        ("down_arrow", "shape=singleArrow;arrowWidth=0.5;arrowSize=0.3;direction=south"),
        ("double_arrow", "shape=doubleArrow;arrowWidth=0.5;arrowSize=0.3"),
        ("chevron_box_right", "shape=step;perimeter=stepPerimeter;size=0.2;fixedSize=1"),
        ("chevron_box_left", "shape=step;perimeter=stepPerimeter;size=0.2;fixedSize=1;flipH=1"),
        ("chevron_tail_right", "shape=step;perimeter=stepPerimeter;size=0.2"),
        ("chevron_tail_left", "shape=step;perimeter=stepPerimeter;size=0.2;flipH=1"),
        ("text", Text), ("image", "shape=image;imageAspect=0;aspect=fixed"), ("group", Group),
        // flowchart
        ("process", Rectangle), ("decision", Diamond), ("start_end", "shape=mxgraph.flowchart.terminator"),
        ("terminator", "shape=mxgraph.flowchart.terminator"), ("document", "shape=document;boundedLbl=1;size=0.2"),
        ("multiple_documents", "shape=mxgraph.flowchart.multi-document"),
        ("input_output", "shape=parallelogram;perimeter=parallelogramPerimeter;fixedSize=1"),
        ("data", "shape=parallelogram;perimeter=parallelogramPerimeter;fixedSize=1"),
        ("subroutine", "shape=process;backgroundOutline=1"), ("predefined_process", "shape=process;backgroundOutline=1"),
        ("manual_input", "shape=manualInput;size=15"), ("manual_operation", "shape=trapezoid;perimeter=trapezoidPerimeter;flipV=1"),
        ("preparation", "shape=hexagon;perimeter=hexagonPerimeter2;size=0.2"), ("delay", "shape=delay"),
        ("display", "shape=display"), ("database", "shape=datastore"), ("data_storage", "shape=dataStorage;fixedSize=1"),
        ("stored_data", "shape=dataStorage;fixedSize=1"), ("off_page_connector", "shape=offPageConnector;size=0.25"),
        ("off_page_reference", "shape=offPageConnector;size=0.25"), ("connector", Ellipse),
        ("collate", "shape=collate"), ("sort", "shape=sortShape;perimeter=rhombusPerimeter"),
        ("merge", "triangle;direction=south"), ("extract", "triangle;direction=north"),
        ("or", "shape=orEllipse;perimeter=ellipsePerimeter"), ("summing_junction", "shape=sumEllipse;perimeter=ellipsePerimeter"),
        ("paper_tape", "shape=tape;size=0.2"), ("internal_storage", "shape=internalStorage;dx=10;dy=10"),
        ("card", "shape=card;size=20"), ("loop_limit", "shape=loopLimit;size=20"),
        ("tape_data", "shape=mxgraph.flowchart.sequential_data"),
    ];

    /// <summary>Shapes with a full uid (UML, swimlanes, network, mind map).</summary>
    private static readonly (string Uid, string Style)[] Specific =
    [
        ("com.gliffy.shape.basic.basic_v2.default.square", "rounded=1"),
        // UML v1
        (Uml1 + "class", Transparent), (Uml1 + "simple_class", Rectangle), (Uml1 + "object", Transparent),
        (Uml1 + "interface", Ellipse), (Uml1 + "package", "shape=folder;fontStyle=1;spacingTop=10;tabWidth=40;tabHeight=14;tabPosition=left"),
        (Uml1 + "note", Note), (Uml1 + "actor", "shape=umlActor;verticalLabelPosition=bottom;verticalAlign=top;outlineConnect=0"),
        (Uml1 + "use_case", Ellipse), (Uml1 + "component", "shape=component;align=left;spacingLeft=36"),
        (Uml1 + "node", "shape=cube;size=10;direction=south"), (Uml1 + "object_timeline", Transparent),
        (Uml1 + "lifeline", "shape=umlLifeline;perimeter=lifelinePerimeter;size=40"), (Uml1 + "activation", "rounded=0;perimeter=orthogonalPerimeter"),
        // UML v2: class, use case, component, deployment
        (Uml2 + "class.class", Transparent), (Uml2 + "class.class2", Transparent), (Uml2 + "class.simple_class", Rectangle),
        (Uml2 + "class.interface", "rounded=0;verticalAlign=top;align=left"), (Uml2 + "class.object", Transparent),
        (Uml2 + "class.enumeration", Transparent), (Uml2 + "class.data_type", Transparent),
        (Uml2 + "class.package", "shape=folder;fontStyle=1;spacingTop=10;tabWidth=40;tabHeight=14;tabPosition=left"),
        (Uml2 + "class.note", Note), (Uml2 + "use_case.use_case", Ellipse), (Uml2 + "use_case.system", Rectangle),
        (Uml2 + "use_case.actor", "shape=umlActor;verticalLabelPosition=bottom;verticalAlign=top;outlineConnect=0"),
        (Uml2 + "use_case.package", "shape=folder;fontStyle=1;spacingTop=10;tabWidth=40;tabHeight=14;tabPosition=left"),
        (Uml2 + "use_case.note", Note), (Uml2 + "component.component1", "shape=component;align=left;spacingLeft=36"),
        (Uml2 + "component.component2", "shape=module;jettyWidth=8;jettyHeight=4"), (Uml2 + "component.interface", Ellipse),
        (Uml2 + "component.note", Note), (Uml2 + "deployment.node", "shape=cube;size=10;direction=south"),
        (Uml2 + "deployment.device_node", "shape=cube;size=10;direction=south"),
        (Uml2 + "deployment.execution_environment_node", "shape=cube;size=10;direction=south"),
        (Uml2 + "deployment.component1", "shape=component;align=left;spacingLeft=36"),
        (Uml2 + "deployment.package", "shape=folder;fontStyle=1;spacingTop=10;tabWidth=40;tabHeight=14;tabPosition=left"),
        (Uml2 + "deployment.artifact", Note), (Uml2 + "deployment.note", Note),
        // UML v2: sequence
        (Uml2 + "sequence.lifeline", Transparent), (Uml2 + "sequence.entity_lifeline", Transparent),
        (Uml2 + "sequence.control_lifeline", Transparent), (Uml2 + "sequence.boundary_lifeline", Transparent),
        (Uml2 + "sequence.activation", "rounded=0;perimeter=orthogonalPerimeter"), (Uml2 + "sequence.destruction", "shape=umlDestroy"),
        (Uml2 + "sequence.actor", "shape=umlActor;verticalLabelPosition=bottom;verticalAlign=top;outlineConnect=0"),
        (Uml2 + "sequence.frame", "shape=umlFrame;width=90;align=left;spacingLeft=10"), (Uml2 + "sequence.note", Note),
        (Uml2 + "sequence.alt_combined_fragment", "shape=umlFrame;width=60"), (Uml2 + "sequence.opt_combined_fragment", "shape=umlFrame;width=60"),
        (Uml2 + "sequence.loop_combined_fragment", "shape=umlFrame;width=60"),
        // UML v2: activity and state machine (state, initial/final, fork/join)
        (Uml2 + "activity.activity", Rounded), (Uml2 + "activity.action", Rounded), (Uml2 + "activity.decision", Diamond),
        (Uml2 + "activity.initial_node", Ellipse), (Uml2 + "activity.activity_final_node", "ellipse;shape=endState"),
        (Uml2 + "activity.flow_final_node", "shape=sumEllipse;perimeter=ellipsePerimeter"),
        (Uml2 + "activity.horizontal_sync_bar", Rectangle), (Uml2 + "activity.vertical_sync_bar", Rectangle),
        (Uml2 + "activity.note", Note), (Uml2 + "state_machine.state", Rounded), (Uml2 + "state_machine.composite_state", Rounded),
        (Uml2 + "state_machine.orthoganal_state", Rounded), (Uml2 + "state_machine.initial_state", Ellipse),
        (Uml2 + "state_machine.final_state", "ellipse;shape=endState"), (Uml2 + "state_machine.choice", Diamond),
        (Uml2 + "state_machine.junction", Ellipse), (Uml2 + "state_machine.terminate", "shape=umlDestroy"),
        (Uml2 + "state_machine.horizontal_join_bar", Rectangle), (Uml2 + "state_machine.vertical_join_bar", Rectangle),
        (Uml2 + "state_machine.note", Note),
        // swimlanes: the pool is a container; its header and lanes are its children
        (Lanes + "horizontal_single_lane_pool", Pool), (Lanes + "vertical_single_lane_pool", Pool),
        (Lanes + "horizontal_double_lane_pool", Pool), (Lanes + "vertical_double_lane_pool", Pool),
        (Lanes + "horizontal_triple_lane_pool", Pool), (Lanes + "vertical_triple_lane_pool", Pool),
        (Lanes + "horizontal_four_lane_pool", Pool), (Lanes + "vertical_four_lane_pool", Pool),
        // network
        (Net + "business.server", "shape=mxgraph.networks.server"), (Net + "business.web_server", "shape=mxgraph.networks.web_server"),
        (Net + "business.mail_server", "shape=mxgraph.networks.mail_server"), (Net + "business.computer", "shape=mxgraph.networks.pc"),
        (Net + "business.laptop", "shape=mxgraph.networks.laptop"), (Net + "business.router", "shape=mxgraph.networks.router"),
        (Net + "business.switch", "shape=mxgraph.networks.switch"), (Net + "business.firewall", "shape=mxgraph.networks.firewall"),
        (Net + "business.cloud", "ellipse;shape=cloud"), (Net + "business.database", "shape=mxgraph.networks.storage"),
        (Net + "business.database_server", "shape=mxgraph.networks.server_storage"), (Net + "business.hub", "shape=mxgraph.networks.hub"),
        (Net + "business.user", "shape=mxgraph.networks.user_male"), (Net + "business.printer", "shape=mxgraph.networks.printer"),
        (Net + "home.server", "shape=mxgraph.networks.server"), (Net + "home.computer", "shape=mxgraph.networks.pc"),
        (Net + "home.laptop", "shape=mxgraph.networks.laptop"), (Net + "home.router", "shape=mxgraph.networks.router"),
        (Net + "home.firewall", "shape=mxgraph.networks.firewall"), (Net + "home.cloud", "shape=mxgraph.networks.cloud"),
        (Cisco + "routers.router", "shape=mxgraph.cisco.routers.router"), (Cisco + "switches.workgroup_switch", "shape=mxgraph.cisco.switches.workgroup_switch"),
        (Cisco + "security.firewall", "shape=mxgraph.cisco.security.firewall"), (Cisco + "servers.file_server", "shape=mxgraph.cisco.servers.fileserver"),
        (Cisco + "storage.cloud", "shape=mxgraph.cisco.storage.cloud"), (Cisco + "storage.relational_database", "shape=mxgraph.cisco.storage.relational_database"),
        (Cisco + "computers_and_peripherals.pc", "shape=mxgraph.cisco.computers_and_peripherals.pc"),
        (Cisco + "computers_and_peripherals.laptop", "shape=mxgraph.cisco.computers_and_peripherals.laptop"),
        // mind map: central topic, branch topics, leaf nodes
        (Mind + "main_topic", "ellipse"), (Mind + "subtopic", "rounded=1;arcSize=50"),
        (Mind + "child_node", "shape=partialRectangle;top=0;left=0;right=0;fillColor=none"),
    ];

    private static readonly FrozenDictionary<string, string> ByUid = BuildUids();

    private static readonly FrozenDictionary<string, string> ByTid = Common
        .SelectMany(c => new[] { ("com.gliffy.stencil." + c.Name + ".basic_v1", c.Style), ("com.gliffy.stencil." + c.Name + ".flowchart_v1", c.Style) })
        .DistinctBy(e => e.Item1, StringComparer.Ordinal)
        .ToFrozenDictionary(e => e.Item1, e => e.Style, StringComparer.Ordinal);

    /// <summary>Entries in the uid table (for tests and diagnostics).</summary>
    public static int Count => ByUid.Count;

    /// <summary>The style prefix for a uid, else for a tid; null when neither is known.</summary>
    public static string? Lookup(string? uid, string? tid) =>
        uid is not null && ByUid.TryGetValue(uid, out var byUid) ? byUid
        : tid is not null && ByTid.TryGetValue(tid, out var byTid) ? byTid
        : null;

    public static bool IsKnownUid(string? uid) => uid is not null && ByUid.ContainsKey(uid);

    private static FrozenDictionary<string, string> BuildUids()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, style) in Common)
        {
            table.TryAdd(Basic + name, style);
            table.TryAdd(Flow + name, style);
            table.TryAdd(Flow2 + name, style);
        }

        foreach (var (uid, style) in Specific)
        {
            table[uid] = style;
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
