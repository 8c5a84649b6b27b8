// What the format panel offers, section by section, with draw.io's keys, values and defaults: Style (shapes and
// connectors), Connector (arrows, waypoints, line jumps) and Text.
import { choiceField, colourField, dashPatternField, flagField, fontBitField, formattedTextField, keyChoice, numberField, type Field } from './fields';
import { labelPositions, readLabelPosition, readWaypoints, waypointStyles, writeLabelPosition, writeWaypoints } from './values';

export interface Section {
  title: string;
  fields: Field[];
}

const fonts = ['Helvetica', 'Arial', 'Verdana', 'Times New Roman', 'Courier New', 'Georgia', 'Tahoma', 'Trebuchet MS',
  'Garamond', 'Comic Sans MS', 'Lucida Console'];
export const arrowKinds = ['none', 'classic', 'classicThin', 'block', 'blockThin', 'open', 'openThin', 'oval', 'diamond',
  'diamondThin', 'dash', 'cross', 'ERone', 'ERmany', 'ERmandOne', 'ERzeroToOne', 'ERzeroToMany', 'ERoneToMany'];
const waypointNames: Record<(typeof waypointStyles)[number], string> = {
  straight: 'Straight', orthogonal: 'Orthogonal', curved: 'Curved', entityRelation: 'Entity relation',
  elbowHorizontal: 'Horizontal elbow', elbowVertical: 'Vertical elbow',
};
const positionNames: Record<string, string> = {
  topLeft: 'Top left', top: 'Top', topRight: 'Top right', left: 'Left', center: 'Center', right: 'Right',
  bottomLeft: 'Bottom left', bottom: 'Bottom', bottomRight: 'Bottom right',
};
const same = (values: string[]): Array<[string, string]> => values.map((v) => [v, v]);

export function formatSections(): Section[] {
  return [
    { title: 'Style', fields: [
      colourField('fillColor', 'Fill', 'vertex', '#ffffff'),
      colourField('gradientColor', 'Gradient', 'vertex', 'none'),
      keyChoice('gradientDirection', 'Gradient direction', 'vertex', same(['south', 'north', 'east', 'west']), 'south'),
      colourField('strokeColor', 'Line', 'all', '#000000'),
      numberField('strokeWidth', 'Line width', 'all', 0, 100, 1, 0.5),
      flagField('dashed', 'Dashed', 'all'),
      dashPatternField(),
      flagField('rounded', 'Rounded', 'all'),
      flagField('shadow', 'Shadow', 'all'),
      numberField('opacity', 'Opacity %', 'all', 0, 100, 100, 5),
      numberField('fillOpacity', 'Fill opacity %', 'vertex', 0, 100, 100, 5),
      numberField('strokeOpacity', 'Line opacity %', 'all', 0, 100, 100, 5),
    ] },
    { title: 'Connector', fields: [
      choiceField('waypoints', 'Waypoints', 'edge', waypointStyles.map((w) => [w, waypointNames[w]]), readWaypoints,
        (choice) => writeWaypoints(choice as (typeof waypointStyles)[number])),
      keyChoice('startArrow', 'Start arrow', 'edge', same(arrowKinds), 'none'),
      flagField('startFill', 'Start filled', 'edge', 1),
      numberField('startSize', 'Start size', 'edge', 0, 100, 6),
      keyChoice('endArrow', 'End arrow', 'edge', same(arrowKinds), 'classic'),
      flagField('endFill', 'End filled', 'edge', 1),
      numberField('endSize', 'End size', 'edge', 0, 100, 6),
      keyChoice('jumpStyle', 'Line jumps', 'edge', same(['none', 'arc', 'gap', 'sharp', 'line']), 'none'),
      numberField('jumpSize', 'Jump size', 'edge', 0, 100, 6),
    ] },
    { title: 'Text', fields: [
      formattedTextField(),
      keyChoice('fontFamily', 'Font', 'all', same(fonts), 'Helvetica'),
      numberField('fontSize', 'Font size', 'all', 1, 500, 12),
      fontBitField('bold', 'Bold'),
      fontBitField('italic', 'Italic'),
      fontBitField('underline', 'Underline'),
      colourField('fontColor', 'Font colour', 'all', '#000000'),
      keyChoice('align', 'Align', 'all', same(['left', 'center', 'right']), 'center'),
      keyChoice('verticalAlign', 'Vertical align', 'all', same(['top', 'middle', 'bottom']), 'middle'),
      choiceField('labelPosition', 'Position', 'all', labelPositions.map((p) => [p, positionNames[p]]), readLabelPosition, writeLabelPosition),
      numberField('spacing', 'Spacing', 'all', -500, 500, 2),
      numberField('spacingTop', 'Spacing top', 'all', -500, 500, 0),
      numberField('spacingLeft', 'Spacing left', 'all', -500, 500, 0),
      numberField('spacingBottom', 'Spacing bottom', 'all', -500, 500, 0),
      numberField('spacingRight', 'Spacing right', 'all', -500, 500, 0),
      colourField('labelBackgroundColor', 'Text background', 'all', 'none'),
      colourField('labelBorderColor', 'Text border', 'all', 'none'),
    ] },
  ];
}
