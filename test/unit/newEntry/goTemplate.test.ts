import { describe, expect, it } from 'vitest';
import {
  renderGoTemplate,
  TemplateUnsupported,
} from '../../../server/services/newEntry/goTemplate.ts';
import { formatGoTime, type ZonedTime } from '../../../server/services/newEntry/goTimeFormat.ts';
import { apTitle } from '../../../server/services/newEntry/templateFunctions.ts';

// 2026-12-07 12:31:31 UTC, shown in Lisbon's winter time (offset 0, "WET") and in New York.
const LISBON: ZonedTime = {
  date: new Date('2026-12-07T12:31:31Z'),
  offsetMinutes: 0,
  zoneName: 'WET',
};
const NEW_YORK: ZonedTime = { ...LISBON, offsetMinutes: -300, zoneName: 'EST' };

const DOT = {
  Name: 'the-art-of-war',
  Date: '2026-12-07T12:31:31Z',
  Section: 'posts',
  Type: 'posts',
  File: {
    ContentBaseName: 'the-art-of-war',
    BaseFileName: 'the-art-of-war',
    Path: 'posts/the-art-of-war.md',
    Dir: 'posts/',
  },
  Site: { Title: 'My Site', Params: { author: 'Ana' } },
};

// The archetype and the output `hugo new posts/the-art-of-war.md` (hugo 0.111, TZ=Europe/Lisbon) gave.
const ARCHETYPE = `---
title: "{{ replace .File.ContentBaseName "-" " " | title }}"
date: {{ .Date }}
draft: true
site: "{{ .Site.Title }}"
name: {{ .Name }}
section: {{ .Section }}
type: {{ .Type }}
day: {{ now.Format "2006-01-02" }}
stamp: '{{ now.Format "Jan 2, 2006 at 3:04pm (MST) Monday" }}'
{{/* a comment */}}
tags: []
{{- if eq .Section "posts" }}
x: 1
{{- end }}
---

Write about **{{ .Name | humanize }}** here. {{ .File.BaseFileName }} {{ .File.Path }} {{ .File.Dir }} {{ upper .Name }} {{ .Name | urlize }} {{ lower "ABC" }}
`;
const HUGO_OUTPUT = `---
title: "The Art of War"
date: 2026-12-07T12:31:31Z
draft: true
site: "My Site"
name: the-art-of-war
section: posts
type: posts
day: 2026-12-07
stamp: 'Dec 7, 2026 at 12:31pm (WET) Monday'

tags: []
x: 1
---

Write about **The art of war** here. the-art-of-war posts/the-art-of-war.md posts/ THE-ART-OF-WAR the-art-of-war abc
`;

describe('archetype templates', () => {
  it('render the common actions exactly as hugo new does', () => {
    const { text, skipped } = renderGoTemplate(ARCHETYPE, DOT, LISBON);
    expect(text).toBe(HUGO_OUTPUT);
    expect(skipped).toEqual([]);
  });

  it('take else branches, with, parentheses, default and printf', () => {
    const out = renderGoTemplate(
      '{{ if eq .Section "blog" }}blog{{ else }}other{{ end }}|{{ with .Site.Params.author }}by {{ . }}{{ end }}|{{ (replace .Name "-" "_") | upper }}|{{ default "none" .Site.Title }}|{{ printf "%s/%s" .Section .Name }}',
      DOT,
      LISBON,
    );
    expect(out.text).toBe('other|by Ana|THE_ART_OF_WAR|My Site|posts/the-art-of-war');
  });

  it('leave actions it cannot evaluate empty and name them, and refuse range and define', () => {
    const out = renderGoTemplate(
      'a: {{ .Site.Params.missing }}\nb: {{ partial "x" . }}\n',
      DOT,
      LISBON,
    );
    expect(out.text).toBe('a: \nb: \n');
    expect(out.skipped).toEqual(['.Site.Params.missing', 'partial "x" .']);
    expect(() => renderGoTemplate('{{ range .Pages }}x{{ end }}', DOT, LISBON)).toThrow(
      TemplateUnsupported,
    );
    expect(() => renderGoTemplate('{{ define "x" }}{{ end }}', DOT, LISBON)).toThrow(/define/);
  });

  it('formats times with Go layouts in the zone given', () => {
    expect(formatGoTime(NEW_YORK, '2006-01-02T15:04:05Z07:00')).toBe('2026-12-07T07:31:31-05:00');
    expect(formatGoTime(LISBON, '2006-01-02T15:04:05Z07:00')).toBe('2026-12-07T12:31:31Z');
    expect(formatGoTime(NEW_YORK, 'Mon Jan _2 03:04:05 PM MST 06 -0700')).toBe(
      'Mon Dec  7 07:31:31 AM EST 26 -0500',
    );
  });

  it('title-cases as Hugo does by default (AP style)', () => {
    expect(apTitle('the art of war')).toBe('The Art of War');
    expect(apTitle('a tale of two cities')).toBe('A Tale of Two Cities');
  });
});
