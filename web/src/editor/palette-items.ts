// The palette's shapes, as draw.io styles so draw.io opens what we save.
import type { AbstractGraph, Cell } from '@maxgraph/core';
import { parseStyle } from './styles';

export interface PaletteItem {
  id: string;
  title: string;
  width: number;
  height: number;
  /** SVG markup of the 24x24 icon. */
  icon: string;
  /** Adds the item's cells with the top-left corner at (x, y) in `parent`; returns the top cell. */
  insert(graph: AbstractGraph, parent: Cell, x: number, y: number): Cell;
}

export interface PaletteSection {
  title: string;
  items: PaletteItem[];
}

const base = 'whiteSpace=wrap;html=1;';

function simple(id: string, title: string, style: string, width: number, height: number, icon: string, value = ''): PaletteItem {
  return {
    id, title, width, height, icon,
    insert: (graph, parent, x, y) => graph.insertVertex(parent, null, value, x, y, width, height, parseStyle(style)),
  };
}

const stroke = 'fill="#fff" stroke="#44546f" stroke-width="1.5"';
const icons = {
  rectangle: `<rect x="3" y="6" width="18" height="12" ${stroke}/>`,
  rounded: `<rect x="3" y="6" width="18" height="12" rx="3" ${stroke}/>`,
  ellipse: `<ellipse cx="12" cy="12" rx="9" ry="6.5" ${stroke}/>`,
  rhombus: `<path d="M12 3L21 12L12 21L3 12Z" ${stroke}/>`,
  process: `<rect x="3" y="6" width="18" height="12" ${stroke}/><path d="M6 6v12M18 6v12" stroke="#44546f" stroke-width="1.5"/>`,
  terminator: `<rect x="3" y="7" width="18" height="10" rx="5" ${stroke}/>`,
  document: `<path d="M3 5h18v11q-4.5-3-9 0t-9 0Z" ${stroke}/>`,
  data: `<path d="M7 6h14l-4 12H3Z" ${stroke}/>`,
  cylinder: `<path d="M5 6.5v11c0 2.6 14 2.6 14 0v-11c0-2.6-14-2.6-14 0c0 2.6 14 2.6 14 0" ${stroke}/>`,
  text: '<text x="12" y="16" text-anchor="middle" font-family="Helvetica" font-size="11" fill="#44546f">Text</text>',
  actor: '<g fill="none" stroke="#44546f" stroke-width="1.5"><circle cx="12" cy="5.5" r="3"/><path d="M12 8.5v7M6 11h12M12 15.5l-5 6M12 15.5l5 6"/></g>',
  class: `<rect x="4" y="3" width="16" height="18" ${stroke}/><path d="M4 8h16M4 14h16" stroke="#44546f" stroke-width="1.5"/>`,
  note: `<path d="M4 3h11l5 5v13H4Z M15 3v5h5" ${stroke}/>`,
  package: `<path d="M3 9h18v11H3Z M3 9V5h8v4" ${stroke}/>`,
  container: `<rect x="3" y="4" width="18" height="16" fill="#fff" stroke="#44546f" stroke-width="1.5" stroke-dasharray="3 2"/>`,
  swimlane: `<rect x="3" y="4" width="18" height="16" ${stroke}/><path d="M3 9h18" stroke="#44546f" stroke-width="1.5"/>`,
  image: '<g fill="none" stroke="#44546f" stroke-width="1.5"><rect x="3" y="5" width="18" height="14"/><circle cx="8.5" cy="10" r="1.8"/><path d="M4 18l5.5-5 3.5 3 3-2.5 4 4.5"/></g>',
};

const classItem: PaletteItem = {
  id: 'class', title: 'Class', width: 160, height: 86, icon: icons.class,
  insert(graph, parent, x, y) {
    const cls = graph.insertVertex(parent, null, 'Classname', x, y, 160, 86, parseStyle(
      'swimlane;fontStyle=1;align=center;verticalAlign=top;childLayout=stackLayout;horizontal=1;startSize=26;horizontalStack=0;resizeParent=1;resizeParentMax=0;resizeLast=0;collapsible=1;marginBottom=0;' + base));
    const member = 'text;strokeColor=none;fillColor=none;align=left;verticalAlign=top;spacingLeft=4;spacingRight=4;overflow=hidden;rotatable=0;points=[[0,0.5],[1,0.5]];portConstraint=eastwest;' + base;
    graph.insertVertex(cls, null, '+ field: type', 0, 26, 160, 26, parseStyle(member));
    graph.insertVertex(cls, null, '', 0, 52, 160, 8, parseStyle(
      'line;strokeWidth=1;fillColor=none;align=left;verticalAlign=middle;spacingTop=-1;spacingLeft=3;spacingRight=3;rotatable=0;labelPosition=right;points=[];portConstraint=eastwest;'));
    graph.insertVertex(cls, null, '+ method(type): type', 0, 60, 160, 26, parseStyle(member));
    return cls;
  },
};

/** The image item is inserted by the palette itself (it first asks for a local file). */
export const imageItemId = 'image';

export const paletteSections: PaletteSection[] = [
  { title: 'General', items: [
    simple('rectangle', 'Rectangle', `rounded=0;${base}`, 120, 60, icons.rectangle),
    simple('rounded', 'Rounded', `rounded=1;${base}`, 120, 60, icons.rounded),
    simple('ellipse', 'Ellipse', `ellipse;${base}`, 120, 80, icons.ellipse),
    simple('text', 'Text', `text;html=1;align=center;verticalAlign=middle;resizable=0;points=[];autosize=1;strokeColor=none;fillColor=none;`, 60, 30, icons.text, 'Text'),
    simple('note', 'Note', `shape=note;size=20;${base}backgroundOutline=1;darkOpacity=0.05;fillColor=#fff2cc;strokeColor=#d6b656;`, 80, 100, icons.note),
  ] },
  { title: 'Flowchart', items: [
    simple('process', 'Process', `shape=process;${base}backgroundOutline=1;`, 120, 60, icons.process),
    simple('rhombus', 'Decision', `rhombus;${base}`, 80, 80, icons.rhombus),
    simple('terminator', 'Terminator', `rounded=1;arcSize=50;${base}`, 120, 50, icons.terminator),
    simple('document', 'Document', `shape=document;${base}boundedLbl=1;`, 120, 80, icons.document),
    simple('data', 'Data', `shape=parallelogram;perimeter=parallelogramPerimeter;fixedSize=0;${base}`, 120, 60, icons.data),
    simple('cylinder', 'Database', `shape=cylinder3;${base}boundedLbl=1;backgroundOutline=1;size=15;`, 60, 80, icons.cylinder),
  ] },
  { title: 'UML', items: [
    classItem,
    simple('actor', 'Actor', 'shape=umlActor;verticalLabelPosition=bottom;verticalAlign=top;html=1;outlineConnect=0;', 30, 60, icons.actor, 'Actor'),
    simple('package', 'Package', `shape=folder;fontStyle=1;spacingTop=10;tabWidth=40;tabHeight=14;tabPosition=left;${base}`, 110, 70, icons.package, 'package'),
  ] },
  { title: 'Containers', items: [
    simple('container', 'Container', `rounded=0;${base}container=1;collapsible=0;verticalAlign=top;align=left;spacingLeft=8;dashed=1;fillColor=none;`, 240, 160, icons.container, 'Container'),
    simple('swimlane', 'Swimlane', `swimlane;${base}startSize=23;`, 200, 200, icons.swimlane, 'Swimlane'),
  ] },
  { title: 'Media', items: [
    { id: imageItemId, title: 'Image from file', width: 0, height: 0, icon: icons.image, insert: () => { throw new Error('inserted by the palette'); } },
  ] },
];

export function imageStyle(dataUri: string): string {
  // draw.io keeps `;` out of style values: data:image/png;base64,X is written as data:image/png,X.
  return `shape=image;verticalLabelPosition=bottom;verticalAlign=top;aspect=fixed;imageAspect=0;image=${dataUri.replace(';base64,', ',')};`;
}
