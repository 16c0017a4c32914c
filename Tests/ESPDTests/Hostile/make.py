#!/usr/bin/env python3
"""Writes the hostile ESPD files of this folder: one per evasion class, per generation, each made
from a real response (a sample bidder of this repository, or a corpus file of ../shared) by the edit
an adversarial bidder would make. `expected.tsv` says, per file, what a careful reader must conclude
and at which line the evidence is: the line is where this script put the element, found by searching
the written text, never typed by hand.

    python3 Tests/ESPDTests/Hostile/make.py                    rewrites this folder (sample bases)
    python3 Tests/ESPDTests/Hostile/make.py --corpus DIR       writes the corpus-based set to DIR

The sample-based files are committed (small); the corpus-based ones (1 MB each) are written by the
test into a temporary folder, from the corpus files beside the repository.

Classes (issue 11): second-response, second-value, foreign-decoy, second-instance (v4),
extra-question, caption-retype, caption-none, renamed-id, hidden-char (zero-width space),
nbsp-char, unreadable, no-criteria, copied-group (v2/v3), retyped-description, repeated-field, nested-response.
"""
import csv, os, re, sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
SHARED = os.path.abspath(os.path.join(REPO, '..', 'shared', 'corpus', 'espd'))
C1 = '005eb9ed-1347-4ca3-bb29-9bc0db64e1ab'

# (name, path, generation, what C1's "Your answer" says in the original)
BASES = [
    ('v4-sample', os.path.join(REPO, 'samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml'), 'v4', 'false'),
    ('v4-corpus', os.path.join(SHARED, 'edm-v4.1.0/ESPD-Response.xml'), 'v4', 'true'),
    ('v3-sample', os.path.join(REPO, 'samples/zonnepark-lelystad/bidders/3-sunrise-pv-trading/espd.xml'), 'v3', 'false'),
    ('v3-corpus', os.path.join(SHARED, 'edm-v3.3.0/ESPD-Response.xml'), 'v3', 'true'),
    ('v21-sample', os.path.join(REPO, 'samples/zonnepark-lelystad/bidders/2-polder-energie-combinatie/uea-penvoerder.xml'), 'v2.1', 'false'),
    ('v21-corpus', os.path.join(SHARED, 'edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml'), 'v2.1', 'true'),
    ('v1-sample', os.path.join(REPO, 'samples/zonnepark-lelystad/bidders/4-bouwgroep-de-vries/uea-2016.xml'), 'v1', 'false'),
    ('v1-corpus', os.path.join(SHARED, 'espd-service-v1/response/exclusion/participation_criminal_organisation_import.xml'), 'v1', 'true'),
]

ZWSP, NBSP = '\u200b', '\u00a0'


def line_of(text, needle, start=0):
    index = text.index(needle, start)
    return text.count('\n', 0, index) + 1


def local(tag):
    return tag.rsplit('}', 1)[-1]


def your_answer_id(path):
    """The catalogue rule: the first ungated INDICATOR property of C1 (ON* groups only)."""
    root = ET.parse(path).getroot()
    for criterion in root:
        if local(criterion.tag) != 'TenderingCriterion':
            continue
        if (criterion.find('{*}ID').text or '').strip().lower() != C1:
            continue

        def walk(element, gated):
            for child in element:
                name = local(child.tag)
                if name == 'TenderingCriterionProperty' and not gated:
                    if (child.find('{*}ValueDataTypeCode').text or '').strip().upper() == 'INDICATOR':
                        return child.find('{*}ID').text.strip()
                elif name in ('TenderingCriterionPropertyGroup', 'SubsidiaryTenderingCriterionPropertyGroup'):
                    code = (child.find('{*}PropertyGroupTypeCode').text or '').strip().upper()
                    found = walk(child, gated or code in ('ONTRUE', 'ONFALSE'))
                    if found:
                        return found
            return None
        return walk(criterion, False)
    raise SystemExit(f'{path}: no C1 criterion')


def response_block(text, prop):
    """Start and end offsets of the TenderingCriterionResponse that validates `prop`."""
    for match in re.finditer(r'<(\w+:)?TenderingCriterionResponse>.*?</(\w+:)?TenderingCriterionResponse>', text, re.S):
        if re.search(r'ValidatedCriterionPropertyID[^>]*>\s*' + re.escape(prop) + r'\s*<', match.group(0)):
            return match.start(), match.end()
    raise SystemExit(f'no response for {prop}')


def property_block(text, prop):
    for match in re.finditer(r'<(\w+:)?TenderingCriterionProperty>.*?</(\w+:)?TenderingCriterionProperty>', text, re.S):
        if re.search(r'<(\w+:)?ID[^>]*>\s*' + re.escape(prop) + r'\s*<', match.group(0)):
            return match.start(), match.end()
    raise SystemExit(f'no property {prop}')


def set_indicator(block, value):
    return re.sub(r'(ResponseIndicator[^>]*>)\s*(true|false)\s*(<)', r'\g<1>' + value + r'\3', block, count=1)


def edm_cases(text, prop, original, generation):
    """Yields (class, text, needle-for-line, expected ground reading, outcome, check)."""
    start, end = response_block(text, prop)
    block = text[start:end]
    indent = text[text.rfind('\n', 0, start) + 1:start]
    true_block = set_indicator(block, 'true')
    false_block = set_indicator(block, 'false')
    marker = '<cbc:ResponseIndicator>true</cbc:ResponseIndicator>'

    # A second response for the same question: "true" after the original "false", or a "false" decoy first.
    if original == 'false':
        new = text[:end] + '\n' + indent + true_block.replace('<cac:TenderingCriterionResponse>', '<cac:TenderingCriterionResponse><!--second-->', 1) + text[end:]
        yield 'second-response', new, '<!--second-->', 'true', 'blocker', 'exclusion.mandatory-ground'
    else:
        new = text[:start] + false_block.replace('<cac:TenderingCriterionResponse>', '<cac:TenderingCriterionResponse><!--decoy-->', 1) + '\n' + indent + text[start:]
        yield 'second-response', new, '<!--decoy-->', 'true', 'blocker', 'exclusion.mandatory-ground'

    # A second value inside the one response.
    value_end = re.search(r'</(\w+:)?ResponseValue>', block).end()
    if original == 'false':
        inserted = '<cac:ResponseValue>' + marker + '</cac:ResponseValue>'
        new = text[:start] + block[:value_end] + inserted + block[value_end:] + text[end:]
        yield 'second-value', new, inserted, 'true', 'blocker', 'exclusion.mandatory-ground'
    else:
        value_start = re.search(r'<(\w+:)?ResponseValue>', block).start()
        inserted = '<cac:ResponseValue><cbc:ResponseIndicator>false</cbc:ResponseIndicator></cac:ResponseValue>'
        new = text[:start] + block[:value_start] + inserted + block[value_start:] + text[end:]
        yield 'second-value', new, inserted, 'true', 'blocker', 'exclusion.mandatory-ground'

    # A "false" decoy in a foreign namespace before the real "true".
    value_start = re.search(r'<(\w+:)?ResponseValue>', true_block).start()
    decoy = '<cac:ResponseValue><x:ResponseIndicator xmlns:x="urn:example:decoy">false</x:ResponseIndicator></cac:ResponseValue>'
    new = text[:start] + true_block[:value_start] + decoy + true_block[value_start:] + text[end:]
    yield 'foreign-decoy', new, 'urn:example:decoy', 'true', 'blocker', 'espd.altered-structure'

    # v4: a value in a second instance (…/R2) of a question that is not repeatable.
    if generation == 'v4':
        second = re.sub(r'(/Q1/R)1(<|/)', r'\g<1>2\2', true_block, count=1).replace('<cac:TenderingCriterionResponse>', '<cac:TenderingCriterionResponse><!--R2-->', 1)
        new = text[:start] + false_block + '\n' + indent + second + text[end:]
        yield 'second-instance', new, '<!--R2-->', 'true', 'blocker', 'exclusion.mandatory-ground'

    # v2/v3: the answer group copied (new property ids, as a repeated group is written), the
    # copy's "Your answer" answered "true" next to the original "false".
    if generation in ('v2.1', 'v3'):
        p_start, _ = property_block(text, prop)
        g_start = text.rfind('<cac:TenderingCriterionPropertyGroup>', 0, p_start)
        g_end = text.index('</cac:TenderingCriterionPropertyGroup>', p_start) + len('</cac:TenderingCriterionPropertyGroup>')
        group = text[g_start:g_end]
        ids = re.findall(r'<cbc:ID[^>]*>\s*([^<\s]+)\s*</cbc:ID>', group)
        copy = group
        for old_id in sorted(set(ids), key=len, reverse=True):
            copy = copy.replace('>' + old_id + '<', '>' + old_id + '-copy<')
        # the group's own id stays: a copy of a repeated group keeps its group id
        group_id = ids[0]
        copy = copy.replace('>' + group_id + '-copy<', '>' + group_id + '<', 1)
        copy_response = re.sub(r'(ValidatedCriterionPropertyID[^>]*>)\s*' + re.escape(prop) + r'\s*<', lambda m: m.group(1) + prop + '-copy<', true_block)
        g_indent = text[text.rfind('\n', 0, g_start) + 1:g_start]
        body = text[:start] + false_block + '\n' + indent + copy_response + text[end:]
        new = body[:g_end] + '\n' + g_indent + copy + body[g_end:]
        copied = new.rindex('<cac:TenderingCriterionProperty>', 0, new.index('>' + prop + '-copy</cbc:ID>'))
        yield 'copied-group', new, copied, 'true', 'blocker', 'espd.answer-conflict'

    # The "true" answer hidden inside a UBL extension next to the "false" one.
    wrapped = ('<ext:UBLExtensions xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"><ext:UBLExtension><ext:ExtensionContent>'
               + true_block.replace('<cac:TenderingCriterionResponse>', '<cac:TenderingCriterionResponse><!--nested-->', 1)
               + '</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>')
    new = text[:start] + false_block + '\n' + indent + wrapped + text[end:]
    yield 'nested-response', new, '<!--nested-->', 'true', 'blocker', 'espd.altered-structure'

    # An extra yes/no question inserted before "Your answer" in the bidder's copy, answered "false".
    p_start, p_end = property_block(text, prop)
    p_indent = text[text.rfind('\n', 0, p_start) + 1:p_start]
    extra_id = prop + '-EXTRA' if generation != 'v4' else prop.rsplit('/', 1)[0] + '/Q0'
    extra = ('<cac:TenderingCriterionProperty><cbc:ID>' + extra_id + '</cbc:ID><cbc:Description>Do you confirm the information above?</cbc:Description>'
             '<cbc:TypeCode>QUESTION</cbc:TypeCode><cbc:ValueDataTypeCode>INDICATOR</cbc:ValueDataTypeCode></cac:TenderingCriterionProperty>\n' + p_indent)
    extra_response = re.sub(r'(ValidatedCriterionPropertyID[^>]*>)\s*' + re.escape(prop) + r'\s*<', lambda m: m.group(1) + extra_id + '<', false_block)
    extra_response = extra_response.replace(prop + '/R1', extra_id + '/R1')
    body = text[:start] + extra_response + '\n' + indent + true_block + text[end:]
    new = body[:p_start] + extra + body[p_start:]
    yield 'extra-question', new, '<cbc:ID>' + extra_id + '</cbc:ID>', 'true', 'blocker', 'espd.answer-conflict'

    # "Your answer" re-typed as a CAPTION (value type kept, then also NONE), answered "true".
    p_block = text[p_start:p_end]
    retyped = re.sub(r'(TypeCode[^>]*>)\s*QUESTION\s*<', r'\1CAPTION<', p_block, count=1)
    body = text[:start] + true_block + text[end:]
    yield 'caption-retype', body[:p_start] + retyped + body[p_end:], retyped, 'true', 'blocker', 'espd.answer-conflict'
    retyped_none = re.sub(r'(ValueDataTypeCode[^>]*>)\s*INDICATOR\s*<', r'\1NONE<', retyped, count=1)
    yield 'caption-none', body[:p_start] + retyped_none + body[p_end:], retyped_none, 'true', 'blocker', 'espd.answer-conflict'

    # "Your answer" re-typed DESCRIPTION and answered with text: no yes/no answer is left, and the
    # next yes/no question ("available electronically") must not stand in for it.
    retyped_text = re.sub(r'(ValueDataTypeCode[^>]*>)\s*INDICATOR\s*<', r'\1DESCRIPTION<', p_block, count=1)
    text_block = re.sub(r'<(\w+:)?ResponseIndicator[^>]*>\s*(true|false)\s*</(\w+:)?ResponseIndicator>', '<cbc:Description>See the attachment</cbc:Description>', block, count=1)
    body = text[:start] + text_block + text[end:]
    yield 'retyped-description', body[:p_start] + retyped_text + body[p_end:], retyped_text, 'none', 'attention', 'espd.answer-conflict'

    # A second value type (NONE) declared before INDICATOR in "Your answer", answered "true".
    doubled = re.sub(r'(<(\w+:)?ValueDataTypeCode)', r'<cbc:ValueDataTypeCode>NONE</cbc:ValueDataTypeCode>\1', p_block, count=1)
    body = text[:start] + true_block + text[end:]
    yield 'repeated-field', body[:p_start] + doubled + body[p_end:], doubled, 'true', 'blocker', 'espd.altered-structure'

    # The question's id renamed in the bidder's copy; the "true" answer still names the real id.
    renamed = re.sub(r'(<(\w+:)?ID[^>]*>)\s*' + re.escape(prop) + r'\s*<', lambda m: m.group(1) + prop + '-renamed<', p_block, count=1)
    new = body[:p_start] + renamed + body[p_end:]
    yield 'renamed-id', new, start + len(renamed) - len(p_block), 'true', 'blocker', 'espd.unlinked-answer'

    # Invisible characters in the answer's property id.
    for name, char in (('hidden-char', ZWSP), ('nbsp-char', NBSP)):
        hidden = prop[:len(prop) // 2] + char + prop[len(prop) // 2:]
        tampered = re.sub(r'(ValidatedCriterionPropertyID[^>]*>)\s*' + re.escape(prop) + r'\s*<', lambda m: m.group(1) + hidden + '<', true_block, count=1)
        yield name, text[:start] + tampered + text[end:], hidden, 'true', 'blocker', 'espd.altered-structure'

    # An answer outside xs:boolean.
    unreadable = re.sub(r'(ResponseIndicator[^>]*>)\s*(true|false)\s*<', r'\1yes<', block, count=1)
    yield 'unreadable', text[:start] + unreadable + text[end:], '>yes<', 'none', 'attention', 'espd.exclusion-unanswered'

    # Every criterion and every answer deleted.
    stripped = re.sub(r'\s*<(\w+:)?TenderingCriterion>.*?</(\w+:)?TenderingCriterion>', '', text, flags=re.S)
    stripped = re.sub(r'\s*<(\w+:)?TenderingCriterionResponse>.*?</(\w+:)?TenderingCriterionResponse>', '', stripped, flags=re.S)
    yield 'no-criteria', stripped, 'EconomicOperatorParty>', 'missing', 'attention', 'espd.exclusion-missing'


def v1_cases(text, original):
    criterion = re.search(r'<ccv:Criterion>\s*<cbc:ID[^>]*>\s*' + C1 + r'.*?</ccv:Criterion>', text, re.S)
    c_start = criterion.start()
    requirement = re.search(r'<ccv:Requirement responseDataType="INDICATOR">.*?</ccv:Requirement>', text[c_start:], re.S)
    r_start, r_end = c_start + requirement.start(), c_start + requirement.end()
    req = text[r_start:r_end]
    indent = text[text.rfind('\n', 0, r_start) + 1:r_start]
    response = re.search(r'<ccv:Response>.*?</ccv:Response>', req, re.S)
    as_true = re.sub(r'(Indicator>)\s*(true|false)\s*<', r'\1true<', req, count=1)

    if original == 'false':
        inserted = '<ccv:Response><ccv-cbc:Indicator>true</ccv-cbc:Indicator><!--second--></ccv:Response>'
        new_req = req[:response.end()] + inserted + req[response.end():]
    else:
        inserted = '<ccv:Response><ccv-cbc:Indicator>false</ccv-cbc:Indicator><!--decoy--></ccv:Response>'
        new_req = req[:response.start()] + inserted + req[response.start():]
    yield 'second-response', text[:r_start] + new_req + text[r_end:], inserted, 'true', 'blocker', 'exclusion.mandatory-ground'

    indicator = re.search(r'<ccv-cbc:Indicator>\s*(true|false)\s*</ccv-cbc:Indicator>', req)
    if original == 'false':
        inserted = '<ccv-cbc:Indicator>true</ccv-cbc:Indicator><!--second-value-->'
        new_req = req[:indicator.end()] + inserted + req[indicator.end():]
        needle = inserted
    else:
        inserted = '<ccv-cbc:Indicator>false</ccv-cbc:Indicator><!--second-value-->'
        new_req = req[:indicator.start()] + inserted + req[indicator.start():]
        needle = inserted
    yield 'second-value', text[:r_start] + new_req + text[r_end:], needle, 'true', 'blocker', 'exclusion.mandatory-ground'

    t_indicator = re.search(r'<ccv-cbc:Indicator>\s*true\s*</ccv-cbc:Indicator>', as_true)
    decoy = '<x:Indicator xmlns:x="urn:example:decoy">false</x:Indicator>'
    new_req = as_true[:t_indicator.start()] + decoy + as_true[t_indicator.start():]
    yield 'foreign-decoy', text[:r_start] + new_req + text[r_end:], 'urn:example:decoy', 'true', 'blocker', 'espd.altered-structure'

    extra = ('<ccv:Requirement responseDataType="INDICATOR"><cbc:ID>extra-question</cbc:ID><cbc:Description>Do you confirm the information above?</cbc:Description>'
             '<ccv:Response><ccv-cbc:Indicator>false</ccv-cbc:Indicator></ccv:Response></ccv:Requirement>\n' + indent)
    yield 'extra-question', text[:r_start] + extra + as_true + text[r_end:], 'extra-question', 'true', 'blocker', 'espd.answer-conflict'

    unreadable = re.sub(r'(Indicator>)\s*(true|false)\s*<', r'\1yes<', req, count=1)
    yield 'unreadable', text[:r_start] + unreadable + text[r_end:], '>yes<', 'none', 'attention', 'espd.exclusion-unanswered'

    stripped = re.sub(r'\s*<ccv:Criterion>.*?</ccv:Criterion>', '', text, flags=re.S)
    yield 'no-criteria', stripped, 'EconomicOperatorParty>', 'missing', 'attention', 'espd.exclusion-missing'


def main():
    corpus = '--corpus' in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a != '--corpus']
    out = os.path.abspath(args[0]) if args else HERE
    os.makedirs(out, exist_ok=True)
    if out == HERE:
        for name in os.listdir(HERE):
            if name.endswith('.xml'):
                os.remove(os.path.join(HERE, name))
    rows = []
    for base, path, generation, original in BASES:
        if base.endswith('-corpus') != corpus:
            continue
        with open(path, encoding='utf-8', newline='') as handle:
            text = handle.read()
        if generation == 'v1':
            cases = v1_cases(text, original)
        else:
            cases = edm_cases(text, your_answer_id(path), original, generation)
        for kind, new, needle, applies, outcome, check in cases:
            file = f'{base}-{kind}.xml'
            with open(os.path.join(out, file), 'w', encoding='utf-8', newline='') as handle:
                handle.write(new)
            # The evidence line: where the edited element is.
            if isinstance(needle, int):
                line = new.count('\n', 0, needle) + 1  # needle: the element's offset in the new text
            elif kind == 'no-criteria' and needle not in new:
                line = 0  # no economic operator either: the finding points at the file, without a line
            else:
                line = line_of(new, needle)
            rows.append([file, generation, kind, os.path.relpath(path, REPO), applies, outcome, check, str(line)])
    with open(os.path.join(out, 'expected.tsv'), 'w', newline='') as handle:
        writer = csv.writer(handle, delimiter='\t', lineterminator='\n')
        writer.writerow(['file', 'generation', 'class', 'base', 'c1GroundApplies', 'outcome', 'check', 'line'])
        writer.writerows(rows)
    print(f'{len(rows)} hostile ESPD files written to {out}')


if __name__ == '__main__':
    main()
