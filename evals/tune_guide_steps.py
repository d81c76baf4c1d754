"""Tune the guide-step claim threshold (docs/guides.md "Steps on their own") on a stored eval.

    python evals/tune_guide_steps.py evals/results/DATE.json [SRC] [0.2,0.35,...]

Adds, for each officer question, the provisions of the steps that fit it at each threshold to the
provisions its stored answer cited, and prints officer coverage per split, the dev non-officer
questions any step fits, and the average number of steps. Approximate (article-level keys from
provision ids; the whole-guide route is left out): confirm the pick with `lexqa eval`.
"""
import sys, json, re, collections
from pathlib import Path
sys.path.insert(0, sys.argv[2] if len(sys.argv) > 2 else str(Path(__file__).resolve().parents[1] / "src"))
from lexqa.guides.load import load_guides
from lexqa.guides import match as gm
from lexqa.evaluate.gold import load_gold, default_gold_path
from lexqa.evaluate.metrics import key_of
from lexqa.answer.question import describes_situation
from lexqa.service.guides import MIN_SENTENCE_STEMS
res=json.load(open(sys.argv[1]))['questions']['hybrid']; R={r['id']:r for r in res}
G={i.id:i for i in load_gold(default_gold_path())}
AMEND={'uu-63-2024':'uu-6-2011','uu-35-2014':'uu-23-2002','pp-40-2023':'pp-31-2013','uu-6-2023':'uu-6-2011','uu-31-2014':'uu-13-2006','pp-48-2021':'pp-31-2013'}
def keys_of_id(pid):
    parts=pid.split('/'); out=set()
    if len(parts)>1 and parts[1].startswith('pasal-'): out.add(key_of(parts[0],parts[1][6:].upper()))
    m=re.search(r'/pasal-i/angka-\d+/pasal-(\w+)',pid)
    if m: out.add(key_of(parts[0],m.group(1).upper())); out.add(key_of(AMEND.get(parts[0],parts[0]),m.group(1).upper()))
    return out
def covers(must, keys):
    keys=keys|{(AMEND.get(d),p) for d,p in keys}
    return sum(1 for d,p in must if (d,p) in keys or (AMEND.get(d),p) in keys)/len(must)
S=gm.StepMatcher(load_guides())
def sents(q):
    parts=[s for s in re.split(r"(?<=[.?!])\s+", q) if len(gm.stem_set(s))>=MIN_SENTENCE_STEMS]
    return [q,*parts] if len(parts)>1 else [q]
for th in [float(x) for x in sys.argv[3].split(',')] if len(sys.argv)>3 else [0.3,0.35,0.4,0.45,0.5]:
    out=collections.defaultdict(list); fm=0; nsteps=[]
    for qid,it in G.items():
        r=R.get(qid)
        if not r or not it.answerable: 
            continue
        if not describes_situation(it.question): hits=[]
        else: hits=S.match(sents(it.question), threshold=th) if len(sents(it.question))>1 else []
        if hits and it.persona!='officer' and it.split=='dev': fm+=1
        must=it.must_cite_keys
        if not must or it.persona!='officer': continue
        base=set().union(*[keys_of_id(c) for c in r.get('cited',[])]) if not r.get('abstained') else set()
        step=set().union(*[keys_of_id(p) for h in hits for p in h.point.provisions]) if hits else set()
        out[it.split+' base'].append(covers(must,base)); out[it.split+' +step'].append(covers(must,base|step))
        nsteps.append(len(hits))
    print(th, {k:round(sum(v)/len(v),3) for k,v in sorted(out.items())}, 'falseNonOfficer',fm, 'avgsteps',round(sum(nsteps)/len(nsteps),2))
