#!/usr/bin/env python3
"""Rebuild the bundled regulations in regulations/ from ../shared (seeds and corpus) with `regelwerk import`.

Run from the project root after `npm install`. The ledenbrief is kept by hand (cut from seed 003 as it
is). The CAR-UWO version of 1 September 2015 is produced with `regelwerk apply` from the ledenbrief and
regulations/car-uwo/basis/voor-lbr-15-069.md (the only part of the earlier text our sources give: that
there is a bijlage IIa); everything else is imported and then given the version metadata the sources state.
"""
import glob, os, re, subprocess

SHARED = '../shared'
SOURCES = open(f'{SHARED}/corpus/SOURCES.md', encoding='utf-8').read()


def run_import(src, out):
    subprocess.run(['./bin/regelwerk', 'import', src, '--out', out], check=True)


def edit_front_matter(path, add_after_open='', replace=(), add_before_close=''):
    s = open(path, encoding='utf-8').read()
    s = s.replace('---\n', '---\n' + add_after_open, 1)
    for old, new in replace:
        assert old in s, (path, old)
        s = s.replace(old, new, 1)
    s = s.replace('\n---\n', '\n' + add_before_close + '---\n', 1)
    open(path, 'w', encoding='utf-8').write(s)


def bundle_statuut():
    out = 'regulations/sociaal-statuut-cgm/2013-01-03.md'
    os.makedirs(os.path.dirname(out), exist_ok=True)
    run_import(glob.glob(f'{SHARED}/seeds/002_*.txt')[0], out)
    edit_front_matter(
        out,
        add_after_open='work: sociaal-statuut-cgm\n',
        replace=[('inwerkingtreding: 2013-01-03\n', 'inwerkingtreding: 2013-01-03\nterugwerkende-kracht: 2013-01-01\n')],
        add_before_close=(
            'bron: CVDR-pagina (lokaleregelgeving.overheid.nl), Grave, Sociaal Statuut Samenwerking CGM 2012\n'
            'opmerkingen: >-\n'
            '  Artikel 29 zegt dat het statuut in werking treedt met ingang van 1 januari 2013; het is bekendgemaakt\n'
            '  op 3 januari 2013. Vastgelegd als inwerkingtreding 3 januari 2013 met terugwerkende kracht tot en met\n'
            '  1 januari 2013 (Ar 5.63).\n'
        ),
    )


def bundle_law(work, bwb):
    os.makedirs(f'regulations/{work}', exist_ok=True)
    for src in sorted(glob.glob(f'{SHARED}/corpus/bwb/{bwb}/*.md')):
        name = os.path.basename(src)
        out = f'regulations/{work}/{name}'
        run_import(src, out)
        m = re.search(r'\| `bwb/' + re.escape(bwb) + '/' + re.escape(name) + r'` \| github statengeneraal/laws-markdown, (\S+) @ ([0-9a-f]+) \|', SOURCES)
        bron = f'https://github.com/statengeneraal/laws-markdown/blob/{m.group(2)}/{m.group(1)}' if m else 'statengeneraal/laws-markdown'
        edit_front_matter(
            out,
            add_after_open=f'work: {work}\n',
            add_before_close=(
                f'bron: {bron}\n'
                'opmerkingen: >-\n'
                '  Versie zoals opgeslagen in statengeneraal/laws-markdown (geconsolideerde tekst van\n'
                "  wetten.overheid.nl). De datum in de bestandsnaam is de BWB-datum 'laatst gewijzigd', niet\n"
                '  gegarandeerd de datum van inwerkingtreding.\n'
            ),
        )


def bundle_car_uwo():
    out = 'regulations/car-uwo/2015-09-07.md'
    with open(out, 'w', encoding='utf-8') as f:
        subprocess.run(['./bin/regelwerk', 'apply', 'regulations/car-uwo/basis/voor-lbr-15-069.md',
                        'regulations/ledenbrieven/lbr-15-069.md'], check=True, stdout=f)
    s = open(out, encoding='utf-8').read()
    # What `apply` cannot know: the subject in words, where it was published, and why it is a deeltekst.
    s = re.sub(r'\nbetreft: (.*)\n', lambda m: f'\nbetreft: {m.group(1)} (banenafspraak)\n', s, count=1)
    s = re.sub(r'\nbron: .*\n', '\nbron: VNG-ledenbrief Lbr. 15/069, bijlage "CAR teksten" (regulations/ledenbrieven/lbr-15-069.md),'
               ' toegepast met regelwerk apply op regulations/car-uwo/basis/voor-lbr-15-069.md\n', s, count=1)
    open(out, 'w', encoding='utf-8').write(s)
    edit_front_matter(out, add_before_close=(
        'bekendmaking: VNG-ledenbrief Lbr. 15/069 (ECWGO/U201501380, CvA/LOGA 15/12), 7 september 2015\n'
        'opmerkingen: >-\n'
        '  Deeltekst. Dit bestand bevat alleen de bepalingen waarvan de tekst in het bronmateriaal van\n'
        '  regelwerk staat: artikel 1:2c met toelichting en de aanvulling van bijlage IIa, beide uit\n'
        '  Lbr. 15/069. De overige artikelen van de CAR-UWO zijn niet opgenomen. De ledenbrief zegt dat de\n'
        '  wijziging ingaat op 1 september 2015; hij is gedateerd 7 september 2015, daarom staat hier\n'
        '  inwerkingtreding 7 september 2015 met terugwerkende kracht tot en met 1 september 2015.\n'
    ))


if __name__ == '__main__':
    bundle_car_uwo()
    bundle_statuut()
    bundle_law('ambtenarenwet', 'BWBR0001947-ambtenarenwet')
    bundle_law('wet-aanpassing-arbeidsduur', 'BWBR0011173-wet-aanpassing-arbeidsduur')
