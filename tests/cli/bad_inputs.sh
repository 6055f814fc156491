#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The catalogue of bad inputs: every subcommand, every root cause of the reliability campaign
# (crash, replaced files, unchecked writes, silent NaN, unbounded resources, silent clamping,
# checkpoint integrity, echoed bytes). Each case must exit with its code, print exactly one line
# on standard error containing its message, leave no temporary file, and leave every device,
# FIFO and symlink of the fixture folder as it was.
# Usage: bad_inputs.sh path/to/glassfit project_root [--markdown]
#   --markdown prints the catalogue as the table in docs/errors.md (the test checks they agree).
set -u
bin=$1
root=$(cd "$2" && pwd)
markdown=${3:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=$root/data
iso=$D/la60ni15al25-synthetic/dma_isochronal.csv
pass=0
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# ---- fixtures ---------------------------------------------------------------------------
is_root=0
[ "$(id -u)" -eq 0 ] && is_root=1
if [ $is_root -eq 1 ]; then
  mknod "$T/null" c 1 3 && mknod "$T/full" c 1 7 && mknod "$T/disk" b 7 200
  ln -s full "$T/full.png"
  ln -s null "$T/link_to_null"
fi
mkfifo "$T/fifo"
ln -s missing.csv "$T/dangling.csv"
mkdir "$T/folder"
printf 'not a folder\n' >"$T/file"
printf 'E_u = 1e9999\n' >"$T/inf.toml"
printf 'chi_Tg = 2\n' >"$T/chi2.toml"
printf 'sigma_1 = 0\n' >"$T/sigma0.toml"
printf 'V_act = -1\n' >"$T/vact.toml"
printf 'sigma_1 = 100\n' >"$T/sigma100.toml"
printf 'E_r = 40000\n' >"$T/er.toml"
printf 'E_u = "33 parsec"\n' >"$T/unit.toml"
printf 'model = "prony"\n' >"$T/model.toml"
printf 'E_u = [1, 2\n' >"$T/syntax.toml"
printf 'E_u = 33000\x00\n' >"$T/nul.toml"
printf 'A_an = 1e300\n' >"$T/huge_an.toml"
csv() { printf "$2" >"$T/$1"; }
csv nounit.csv 'temperature,frequency [Hz],storage_modulus [MPa]\n300,1,100\n'
csv badunit.csv 'temperature [K],frequency [furlong],storage_modulus [MPa]\n300,1,100\n'
csv nan.csv 'temperature [K],frequency [Hz],storage_modulus [MPa]\n300,1,nan\n'
csv empty.csv ''
csv cells.csv 'temperature [K],frequency [Hz],storage_modulus [MPa]\n300,1\n'
csv zeroK.csv 'temperature [K],frequency [Hz],storage_modulus [MPa]\n0,1,100\n'
csv dup.csv 'temperature [K],T [C],storage_modulus [MPa]\n300,20,100\n'
csv subnormal.csv 'temperature [K],frequency [Hz],storage_modulus [MPa],loss_modulus [MPa]\n300,1,1e-320,1\n300,2,1,1\n'
csv overflow.csv 'temperature [K],frequency [Hz],storage_modulus [GPa],loss_modulus [MPa]\n300,1,1e307,1\n'
csv unsorted.csv 'temperature [K],time [s],stress [MPa],strain [-]\n430,1,50,0.001\n430,3,50,0.002\n430,2,50,0.003\n'
printf 'temperature [K],frequency [Hz],storage_modulus [MPa]\n300,1,\x00\n' >"$T/nul.csv"
python3 -c "import sys; open(sys.argv[1],'w').write('temperature [K],frequency [Hz],storage_modulus [MPa]\n300,1,' + 'x'*1000000 + '\n')" "$T/megacell.csv"
sed '3s/^[0-9.]*/1/' "$iso" >"$T/iso_1K.csv"
head -3 "$D/pyvisco-polymer/freq_user_raw.csv" >"$T/one_temperature.csv"
spec() { printf "$2" >"$T/$1"; }
spec unknown_key.toml 'model = "hc"\nfitter = 1\n'
spec minmax.toml "model = \"hc\"\n[[dataset]]\nfile = \"$iso\"\n[parameters]\nE_u = { start = 3e4, min = 5e4, max = 1e4 }\n"
spec nodata.toml 'model = "hc"\n[[dataset]]\nfile = "missing.csv"\n'
spec othermodel.toml 'model = "maxwell"\n'
spec intervals.toml 'model = "hc"\n[fit]\nintervals = "bootstrap"\n'
tm=$D/pyvisco-polymer/time_user_master.csv
spec prony_hcparam.toml "model = \"prony\"\n[[dataset]]\nfile = \"$tm\"\n[parameters]\nU_beta = 1e5\n"
spec prony_noterms.toml "model = \"prony\"\n[model_options]\nterms = 0\n[[dataset]]\nfile = \"$tm\"\n"
spec prony_raw.toml "model = \"prony\"\n[[dataset]]\nfile = \"$D/pyvisco-polymer/freq_user_raw.csv\"\n"
printf 'E_inf = 1\nE_1 = 1\ntau_1 = -1\n' >"$T/prony_negative.toml"
spec float_iterations.toml 'model = "hc"\n[fit]\nmax_iterations = 10e40\n'
spec huge_multistart.toml 'model = "hc"\n[fit]\nmultistart = 5000000000\n'
python3 -c "import sys; open(sys.argv[1],'w').write('model = \"hc\"\\n[[dataset]]\\nfile = \"' + 'n'*5000 + '.csv\"\\n')" "$T/longname.toml"
spec noset.toml 'model = "hc"\n'
spec unsorted_spec.toml "model = \"hc\"\n[[dataset]]\nfile = \"$T/unsorted.csv\"\n[parameters]\nE_u = { start = 3.3e4, min = 3.1e4, max = 5e4 }\n"
printf 'model = "onebody"\nbeta = 0\n' >"$T/ob_beta0.toml"
printf 'model = "onebody"\nQ0 = -0.5\n' >"$T/ob_negative_barrier.toml"
printf 'model = "onebody"\nrho = 1.5\n' >"$T/ob_rho.toml"
printf 'model = "onebody"\n[model_options]\nbarrier = 3\n' >"$T/ob_option.toml"
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00' >"$T/eplexor.xls"
printf '[Version]\nTA Instruments LIMS export format version\t0\n[Step]\nStep name\tFrequency sweep (20 C)\nVariables\tTemperature\tFrequency\tStorage modulus\tLoss modulus\nData point\t20\t1\t2\t3\n' >"$T/trios_nounits.txt"
printf 'Sample report\nwritten by some instrument\n' >"$T/unknown.txt"
csv flow.csv 'temperature [K],strain_rate [1/s],flow_stress [MPa]\n400,1,500\n400,0,510\n'
csv flow_ok.csv 'temperature [K],strain_rate [1/s],flow_stress [MPa]\n400,1,500\n400,10,510\n'
spec hc_shear.toml "model = \"hc\"\n[[dataset]]\nfile = \"$root/data/trios-polymer/frequency_sweep_tts.txt\"\n[parameters]\nE_u = { start = 33000 }\n"
spec ob_zero_rate.toml "model = \"onebody\"\n[[dataset]]\nfile = \"$T/flow.csv\"\n"
spec hc_flow.toml "model = \"hc\"\n[[dataset]]\nfile = \"$T/flow_ok.csv\"\n[parameters]\nE_u = { start = 33000 }\n"
spec ob_dma.toml "model = \"onebody\"\n[[dataset]]\nfile = \"$iso\"\n"
kmc() { printf "[barrier]\nlaw = \"kww\"\n$2" >"$T/$1"; }
kmc nx_huge.toml '[lattice]\nnx = 2000000\n'
kmc fast.toml '[loading]\nstrain_rate_per_s = 1e30\n'
kmc reset_bad.toml '[dynamics]\nclock_reset = "all"\n'
kmc catalogue_bad.toml '[dynamics]\ncatalogue = "shuffle"\n'
printf '[barrier]\nlaw = "softening"\n[dynamics]\nclock_reset = "stencil"\n' >"$T/reset_soft.toml"
printf 'model = "onebody"\nV_STZ = 1e300\n' >"$T/ob_vstz.toml"
kmc nx_int64.toml '[lattice]\nnx = 9223372036854775807\n'
kmc memory.toml '[lattice]\nnx = 8000\nny = 8000\n[stz]\nmodes = 1000\n'
kmc empty_sweep.toml '[sweep]\ntemperatures_K = []\n'
kmc one_factor.toml '[sweep]\nrate_factors = [1]\n'
kmc poisson.toml '[material]\n\npoisson_ratio = 0.6\n'
kmc threads.toml '[run]\nthreads = 0\n'
kmc unknown.toml '[run]\ntemprature_K = 300\n'
kmc engine_name.toml '[run]\nengine = "fast"\n'
kmc engine_frozen.toml '[time]\nscheme = "frozen"\n[run]\nengine = "local"\n'
kmc wang_creep.toml '[time]\nscheme = "wang"\n[loading]\nmode = "creep"\n'
printf '[barrier]\nlaw = "softening"\n[sweep]\ntemperatures_K = [300]\n' >"$T/xc_soft.toml"
kmc xc_T.toml '[sweep]\ntemperatures_K = [300]\n'
kmc history_none.toml '[loading]\nmode = "history"\n'
kmc history_zero.toml '[loading]\nmode = "history"\nsegments = [\n  { control = "strain", to = 0.02, duration_s = 20 },\n  { control = "stress", to = 0, duration_s = 0 } ]\n'
printf '[lattice]\nnx = 8\n' >"$T/nolaw.toml"
kmc ck.toml '[lattice]\nnx = 8\nny = 8\n[stz]\nmodes = 4\n[loading]\nfinal_strain = 0.01\n[run]\ncheckpoint_every = 20\n[output]\nplots = false\n'
kmc ck_other.toml '[lattice]\nnx = 8\nny = 8\n[stz]\nmodes = 4\n[loading]\nfinal_strain = 0.01\n[run]\nseed = 7\ncheckpoint_every = 20\n[output]\nplots = false\n'
"$bin" kmc "$T/ck.toml" -o "$T/ck" -q 2>/dev/null
cp -r "$T/ck" "$T/ck_flip" && python3 -c "
import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[len(b)//2]^=0x20; open(p,'wb').write(b)" "$T/ck_flip/checkpoint.bin"
cp -r "$T/ck" "$T/ck_cut" && truncate -s 1000 "$T/ck_cut/checkpoint.bin"
# A sweep run as tasks: 10 of them; one missing, one failed, one foreign, one of another sweep.
kmc sw.toml '[lattice]\nnx = 8\nny = 8\n[stz]\nmodes = 4\n[output]\nplots = false\n[sweep]\ntemperatures_K = [300]\nstrain_rates_per_s = [1e-3]\nseeds = [1, 2]\n'
sed 's/seeds = \[1, 2\]/seeds = [3, 4]/' "$T/sw.toml" >"$T/sw_other.toml"
for i in 0 1 2 3 4 5 6 7 8 9; do "$bin" kmc "$T/sw.toml" --task $i -o "$T/sw" -q 2>/dev/null; done
cp -r "$T/sw" "$T/sw_gaps" && rm "$T/sw_gaps/tasks/task_000004.json" "$T/sw_gaps/tasks/task_000007.json"
printf 'stz.modes: exploded\n' >"$T/sw_gaps/tasks/task_000007.failed"
cp -r "$T/sw" "$T/sw_swapped" && cp "$T/sw/tasks/task_000001.json" "$T/sw_swapped/tasks/task_000002.json"
cp -r "$T/sw" "$T/sw_extra" && cp "$T/sw/tasks/task_000001.json" "$T/sw_extra/tasks/task_000042.json"
cp -r "$T/ck" "$T/ck_scaled" && python3 -c "
import struct, sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); i=len(b)-200; x=struct.unpack_from('<d',b,i)[0]; struct.pack_into('<d',b,i,x*2 if x else 1.0); open(p,'wb').write(b)" "$T/ck_scaled/checkpoint.bin"
cp -r "$T/ck" "$T/ck_foreign"
mkdir "$T/ck_none"
# A forged checkpoint: the first voxel's eigenstrain edited, the SHA-256 recomputed.
cp -r "$T/ck" "$T/ck_forged" && python3 -c "
import hashlib, struct, sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); pay=68
n=struct.unpack_from('<Q',b,pay)[0]; at=pay+8+n+8+8; struct.pack_into('<d',b,at,float('nan'))
b[36:68]=hashlib.sha256(bytes(b[pay:])).digest(); open(p,'wb').write(b)" "$T/ck_forged/checkpoint.bin"
# Records of a sweep's tasks that no run writes.
cp -r "$T/sw" "$T/sw_negative" && python3 -c "
import json, sys; p=sys.argv[1]; j=json.load(open(p)); j['flow_stress_MPa']=-211300.0; open(p,'w').write(json.dumps(j))" "$T/sw_negative/tasks/task_000003.json"
cp -r "$T/sw" "$T/sw_fraction" && python3 -c "
import json, sys; p=sys.argv[1]; j=json.load(open(p)); j['never_transformed']=1.5; open(p,'w').write(json.dumps(j))" "$T/sw_fraction/tasks/task_000003.json"
# A shift report whose WLF law was judged not valid (its Vogel temperature below 0 K).
printf '{"reference_temperature_K": 298.15, "law_range_K": [245.7, 298.1], "shift_laws": [{"law": "wlf", "valid": false, "describes": false, "verdict": "not valid: T_ref - C2 = 298.15 - 772.6 = -474.5 K is at or below absolute zero", "parameters": {"C1": {"value": 169.8}, "C2": {"value": 772.6}}}]}\n' >"$T/invalid_wlf.json"
# Questionable specs and files of the old catalogue (issue 38, item 11).
csv descending.csv 'temperature [K],time [s],stress [MPa],strain [-]\n430,3,50,0.003\n430,2,50,0.002\n430,1,50,0.001\n'
spec descending_spec.toml "model = \"hc\"\n[[dataset]]\nfile = \"$T/descending.csv\"\n[parameters]\nE_u = { start = 3.3e4, min = 3.1e4, max = 5e4 }\n"
spec outside_range.toml "model = \"hc\"\n[[dataset]]\nfile = \"$iso\"\n[parameters]\nchi_Tg = { start = 0.5, min = 0.1, max = 3 }\n"
spec fixed_outside.toml "model = \"hc\"\n[[dataset]]\nfile = \"$iso\"\n[parameters]\nE_u = { value = 33000, min = 34000, max = 40000 }\nE_r = { start = 28000, min = 1e4, max = 6e4 }\n"
spec twice.toml "model = \"hc\"\n[[dataset]]\nfile = \"$iso\"\n[[dataset]]\nfile = \"$iso\"\n[parameters]\nE_u = { start = 33000, min = 1e4, max = 6e4 }\n"
spec value_free.toml "model = \"hc\"\n[[dataset]]\nfile = \"$iso\"\n[parameters]\nE_u = { value = 33000, fixed = false }\n"
python3 -c "
import sys; f=open(sys.argv[1],'w'); f.write('temperature [K],frequency [Hz],storage_modulus [MPa],loss_modulus [MPa]\n')
for i in range(200001): f.write(f'{300+(i//1000)},{1+i%1000},{1000+i%7},{10+i%5}\n')" "$T/rows.csv"
# Instrument files: the .xls that crashed FreeXL (one byte at 18315), TRIOS values out of range.
python3 -c "
import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[18315]=0x67; open(sys.argv[2],'wb').write(b)" "$D/eplexor-polymer/freq_Eplexor_master.xls" "$T/crash.xls"
python3 - "$D/trios-polymer/frequency_sweep_tts.txt" "$T" <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8', errors='surrogateescape').read().split('\n')
vars_at = next(i for i, l in enumerate(lines) if l.startswith('Variables'))
names = lines[vars_at].split('\t')
first = next(i for i in range(vars_at, len(lines)) if lines[i].startswith('Data point'))
def write(name, column, value):
    out = list(lines)
    cells = out[first].split('\t')
    cells[names.index(column)] = value
    out[first] = '\t'.join(cells)
    open(sys.argv[2] + '/' + name, 'w', encoding='utf-8', errors='surrogateescape').write('\n'.join(out))
write('trios_cold.txt', 'Temperature', '-300')
write('trios_subnormal.txt', 'Storage modulus', '1e-320')
PY

state() {  # what must not change: types of the fixtures and the absence of temporary files
  (cd "$T" && for f in null full disk full.png link_to_null fifo dangling.csv folder; do
     [ -e "$f" ] || [ -L "$f" ] && stat -c '%n %F' "$f"; done
   find . -name '*.tmp*' | sort)
}
before=$(state)

# case CODE 'message fragment' 'what it is' 'arguments (eval'd; may redirect stdout)'
case_() {
  local code=$1 frag=$2 what=$3 args=$4
  eval "\"\$bin\" $args" 2>"$T/.err" >"$T/.out"
  local rc=$? lines
  local shown message
  {
    shown=$(eval "printf '%s' \"$args\"" | sed -e "s|$T/||g; s|$root/||g; s|\$T/||g")
    message=$(head -1 "$T/.err" | sed -e "s|$T/||g; s|$root/||g; s|this machine has [0-9.]* GB|this machine has N GB|; s|header says [0-9]*|header says N|; s|... ([0-9]* bytes)' not found|... (N bytes)' not found|")
    printf '| %s | `glassfit %s` | %s | `%s` |\n' "$what" "$shown" "$code" "${message//|/\\|}"
  } >>"$T/table.md"
  lines=$(wc -l <"$T/.err")
  if [ "$rc" -ne "$code" ]; then bad "$what: exit $rc (want $code): $args"; head -c 600 "$T/.err"; return; fi
  if [ "$lines" -ne 1 ]; then bad "$what: $lines lines on stderr (want 1)"; head -c 600 "$T/.err"; return; fi
  if ! grep -qF -- "$frag" "$T/.err"; then bad "$what: message '$(head -c 300 "$T/.err")' lacks '$frag'"; return; fi
  if [ "$(state)" != "$before" ]; then bad "$what: a fixture changed or a temporary file was left"; state; return; fi
  pass=$((pass + 1))
}
root_only() { [ $is_root -eq 1 ]; }
dma='predict --protocol dma --temperature 300 --frequency 1'

# ---- outputs: never replace a device, FIFO, symlink or folder; every write checked --------
root_only && case_ 2 'full: write failed: No space left on device' 'output onto a full device' "$dma -o \"\$T/full\""
root_only && case_ 2 'full.png: write failed: No space left on device' 'plot through a symlink to a full device' "$dma -o \"\$T/x.csv\" --plot \"\$T/full.png\""
root_only && case_ 2 'is a block device; glassfit does not write to disks' 'output onto a block device' "$dma -o \"\$T/disk\""
root_only && case_ 2 'error: standard output: write failed: No space left on device' 'standard output on a full device' "$dma >\"\$T/full\""
case_ 2 'error: standard output: write failed: Bad file descriptor' 'standard output closed' "$dma >&-"
case_ 2 'fifo: no process reads this pipe' 'output into a FIFO nobody reads' "$dma -o \"\$T/fifo\""
case_ 2 'folder: is a folder, not a file' 'output onto a folder' "$dma -o \"\$T/folder\""
case_ 2 'dangling.csv: symbolic link to a missing file' 'output through a dangling symlink' "$dma -o \"\$T/dangling.csv\""
case_ 2 'cannot write: No such file or directory' 'output into a missing folder' "$dma -o \"\$T/nowhere/x.csv\""
case_ 2 'x.png: cannot write: No such file or directory' 'plot into a missing folder (no PNG bytes on the terminal)' "$dma -o \"\$T/x.csv\" --plot \"\$T/nowhere/x.png\""
case_ 2 'plot must end in .png, .svg or .pdf' 'plot with another extension' "$dma -o \"\$T/x.csv\" --plot \"\$T/x.gif\""
case_ 2 'error: standard output: write failed: Bad file descriptor' 'models with standard output closed' 'models >&-'
case_ 2 'cannot create output folder' 'kmc output folder is a file' "kmc \"$root/examples/kmc/strain_rate.toml\" -o \"\$T/file\""
case_ 2 'cannot create output folder' 'fit output folder is a file' "fit \"$root/fits/la60ni15al25_dma.toml\" -o \"\$T/file\""
case_ 2 "--plot-formats: 'gif' is not a plot format (png, svg, pdf)" 'plot format that is not one' "fit \"$root/fits/la60ni15al25_dma.toml\" -o \"\$T/o\" --plot-formats png,gif"
case_ 2 'cannot create output folder' 'shift output folder is a file' "shift \"$D/pyvisco-polymer/freq_user_raw.csv\" --reference-temperature 25C -o \"\$T/file\""
# ---- inputs: bounded, regular, text ------------------------------------------------------
case_ 2 'folder: is a folder, not a file' 'parameter file is a folder' "$dma --params \"\$T/folder\""
case_ 2 '/dev/zero: more than the 256 MiB an input file may have' 'parameter file that never ends' "$dma --params /dev/zero"
case_ 2 'cannot open file' 'parameter file missing' "$dma --params \"\$T/missing.toml\""
case_ 2 'nul.toml:1: not a text file (a NUL byte at byte 12)' 'parameter file with a NUL byte' "$dma --params \"\$T/nul.toml\""
case_ 2 "parameter 'chi_Tg'" 'parameter outside its range' "$dma --params \"\$T/chi2.toml\""
case_ 2 "parameter 'sigma_1'" 'sigma_1 of Eq. 9 not above 0' "$dma --params \"\$T/sigma0.toml\""
case_ 2 "parameter 'V_act'" 'negative activation volume' "$dma --params \"\$T/vact.toml\""
case_ 2 'reaches sigma_1' 'creep stress at or above sigma_1' "predict --protocol creep --temperature 430 --stress 150@0 --time 1 --params \"\$T/sigma100.toml\""
case_ 2 '--strain-path' 'strain path with a value that is not a number' "predict --protocol history --temperature 430 --strain-path 0.01@10,nan@20 --time 1"
case_ 2 '--stress-path' 'stress path going back in time' "predict --protocol history --temperature 430 --stress-path 100@10,0@5 --time 1"
case_ 2 'one of --strain-path' 'history with both paths' "predict --protocol history --temperature 430 --strain-path 0.01@10 --stress-path 100@10 --time 1"
case_ 2 'must be below E_u = 33000 MPa' 'E_r above E_u' "$dma --params \"\$T/er.toml\""
case_ 2 "unknown unit 'parsec'" 'parameter with an unknown unit' "$dma --params \"\$T/unit.toml\""
case_ 2 "file is for model 'prony', not 'hc'" 'parameter file of another model' "$dma --params \"\$T/model.toml\""
case_ 2 'syntax.toml:1:' 'parameter file with a TOML syntax error' "$dma --params \"\$T/syntax.toml\""
case_ 2 'inf.toml:1:' 'parameter overflowing to infinity' "$dma --params \"\$T/inf.toml\""
# ---- predict: options and sizes ----------------------------------------------------------
case_ 2 "unknown protocol 'bogus'" 'unknown protocol' 'predict --protocol bogus --temperature 300'
case_ 2 "unknown model 'xyz'" 'unknown model' 'predict --model xyz --protocol dma --temperature 300 --frequency 1'
case_ 2 'not above absolute zero' 'negative temperature' 'predict --protocol dma --temperature -5 --frequency 1'
case_ 2 'is reversed' 'reversed range' 'predict --protocol dma --temperature 500:300:1 --frequency 1'
case_ 2 '--frequency: 0 Hz must be positive' 'zero frequency' 'predict --protocol dma --temperature 300 --frequency 0'
case_ 2 'points is more than the 1e+07 glassfit computes in one run' 'grid of 1e9 points' 'predict --protocol creep --temperature 430 --stress 50 --time 1:1e9:1'
case_ 2 '--points: 1e+09 points is more than the 1e+07' '--points 1e9' 'predict --protocol tension --temperature 300 --strain-rate 1e-4 --max-strain 0.01 --points 1000000000'
case_ 2 '--temperature x --frequency: 1e+08 points' 'product of two grids too large' 'predict --protocol dma --temperature 300:399.99:1e-3 --frequency 1:1e3:1000log'
case_ 2 'needs a whole number of points >= 2' 'log grid of zero points' 'predict --protocol dma --temperature 300 --frequency 1e-3:1e3:0log'
case_ 2 'start times must increase' 'stress history out of order' 'predict --protocol creep --temperature 430 --stress 50@10,0@5 --time 1'
case_ 2 "model hc option 'anelastic' must be one of" 'unknown anelastic form' "$dma --anelastic maybe"
case_ 2 '--strain-rate must be positive' 'negative strain rate' 'predict --protocol tension --temperature 300 --strain-rate -1 --max-strain 0.01'
case_ 2 'exactly one of --max-strain and --time' 'tension with both end conditions' 'predict --protocol tension --temperature 300 --strain-rate 1e-4 --max-strain 0.01 --time 1'
case_ 2 'does not apply to --protocol dma' 'option of another protocol' "$dma --stress 50"
case_ 2 'over- or underflows there' 'extreme parameters that overflow the compliance' "predict --protocol dma --temperature 300 --frequency 1e-300 --params \"\$T/huge_an.toml\""
case_ 2 '--temperature is required' 'missing required option' 'predict --protocol dma'
# ---- datasets (through shift and relaxation-map) -----------------------------------------
case_ 2 "missing unit" 'CSV header without a unit' "shift \"\$T/nounit.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 "unknown unit 'furlong'" 'CSV header with an unknown unit' "shift \"\$T/badunit.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 "'nan' is not a finite number" 'CSV cell nan' "shift \"\$T/nan.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 'empty file' 'empty CSV' "shift \"\$T/empty.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 'expected 3 cells, found 2' 'CSV row too short' "shift \"\$T/cells.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 '0 K is not above absolute zero' 'CSV temperature of 0 K' "shift \"\$T/zeroK.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 'duplicate column' 'CSV with two temperature columns' "shift \"\$T/dup.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 'not a text file (a NUL byte' 'CSV with a NUL byte (not echoed)' "shift \"\$T/nul.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 '... (1000000 bytes)' 'CSV cell of 1 MB (not echoed whole)' "shift \"\$T/megacell.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 "too close to zero to compute with" 'subnormal modulus 1e-320' "shift \"\$T/subnormal.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 "'1e307' overflows in MPa" 'modulus overflowing on conversion' "shift \"\$T/overflow.csv\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 'is not sorted' 'times out of order in a creep run' "fit \"\$T/unsorted_spec.toml\" -o \"\$T/o\""
case_ 2 'is a folder, not a file' 'dataset is a folder' "shift \"\$T/folder\" --reference-temperature 300 -o \"\$T/o\""
case_ 2 'is outside the data (223.24 to 373.14 K)' 'reference temperature outside the data' "shift \"$D/pyvisco-polymer/freq_user_raw.csv\" --reference-temperature 500C -o \"\$T/o\""
case_ 2 "--objective must be 'moduli', 'storage' or 'tan-delta', not 'loudness'" 'unknown shift objective' "shift \"$D/pyvisco-polymer/freq_user_raw.csv\" --reference-temperature 25C --objective loudness -o \"\$T/o\""
case_ 2 'a master curve needs at least 3 per temperature' 'one temperature only' "shift \"\$T/one_temperature.csv\" --reference-temperature -50C -o \"\$T/o\""
# ---- relaxation-map: the crash --------------------------------------------------------------
case_ 2 'must be a positive, finite temperature difference (--half-width)' 'beta-peak half-width 0' "relaxation-map --isochronal \"\$iso\" --half-width 0 -o \"\$T/o\""
case_ 2 'must be a positive, finite temperature difference (--half-width)' 'beta-peak half-width nan' "relaxation-map --isochronal \"\$iso\" --half-width nan -o \"\$T/o\""
case_ 2 'no beta loss peak found' 'isochronal row with a 1 K typo' "relaxation-map --isochronal \"\$T/iso_1K.csv\" -o \"\$T/o\""
# ---- fit specs ----------------------------------------------------------------------------
case_ 2 'cannot open file' 'fit spec missing' "fit \"\$T/missing.toml\" -o \"\$T/o\""
case_ 2 'is a folder, not a file' 'fit spec is a folder' "fit \"\$T/folder\" -o \"\$T/o\""
case_ 2 "unknown key 'fitter' in the spec" 'fit spec with an unknown key' "fit \"\$T/unknown_key.toml\" -o \"\$T/o\""
case_ 2 'min 50000 > max 10000' 'bounds reversed' "fit \"\$T/minmax.toml\" -o \"\$T/o\""
case_ 2 'not found' 'dataset file missing' "fit \"\$T/nodata.toml\" -o \"\$T/o\""
case_ 2 '(File name too long)' 'dataset name longer than the system allows (found by fuzzing)' "fit \"\$T/longname.toml\" -o \"\$T/o\""
case_ 2 "float_iterations.toml:3: 'max_iterations' must be an integer" 'an integer option written as 10e40 (found by fuzzing)' "fit \"\$T/float_iterations.toml\" -o \"\$T/o\""
case_ 2 "'multistart' = 5000000000 is outside 0..100000" 'an integer option out of range' "fit \"\$T/huge_multistart.toml\" -o \"\$T/o\""
case_ 2 "unknown subcommand 'bogus' (models, predict, fit, shift, relaxation-map, export, srs, convert, kmc, crosscheck)" 'a misspelt subcommand' "bogus"
case_ 2 'intervals.toml:3: intervals must be "none" or "profile"' 'an unknown kind of interval' "fit \"\$T/intervals.toml\" -o \"\$T/o\""
case_ 2 "unknown model 'maxwell' (known: hc, prony, onebody)" 'fit spec of an unknown model' "fit \"\$T/othermodel.toml\" -o \"\$T/o\""
case_ 2 "unknown parameter 'U_beta' (model prony has: E_inf, E_1" 'a parameter of another model in a spec' "fit \"\$T/prony_hcparam.toml\" -o \"\$T/o\""
case_ 2 "model prony option 'terms' must be" 'a Prony series with no terms' "fit \"\$T/prony_noterms.toml\" -o \"\$T/o\""
case_ 2 'a Prony series is isothermal, but the data hold 21 temperatures' 'a Prony series fitted to sweeps at many temperatures' "fit \"\$T/prony_raw.toml\" -o \"\$T/o\""
case_ 2 "parameter 'tau_1'" 'a Prony series with a negative time' "predict --model prony --params \"\$T/prony_negative.toml\" --protocol relaxation --strain 1 --time 1"
case_ 2 'model prony cannot predict --protocol creep' 'a Prony series asked for creep' "predict --model prony --protocol creep --stress 1@0 --time 1"
case_ 2 '--temperature does not apply to model prony' 'a temperature for an isothermal model' "predict --model prony --protocol dma --temperature 300 --frequency 1"
case_ 2 'model hc is exported through its Prony series: give --temperature and --time' 'export of the HC model without its window' "export --model hc --format abaqus"
case_ 2 '--format must be abaqus or ansys' 'export to an unknown format' "export --format nastran"
case_ 2 "unknown model 'maxwell'" 'export of an unknown model' "export --model maxwell --format abaqus"
case_ 2 'no [[dataset]] entries' 'fit spec without datasets' "fit \"\$T/noset.toml\" -o \"\$T/o\""
# ---- instrument files ---------------------------------------------------------------------------
case_ 2 'eplexor.xls: not a readable legacy Excel file (damaged compound file' 'a truncated Excel file' "convert \"\$T/eplexor.xls\""
case_ 2 "freq_user_master.csv: a data file, not a fit spec: fit it with --model NAME" 'a data file where a fit spec is expected' "fit \"$D/pyvisco-polymer/freq_user_master.csv\" -o \"\$T/o\""
case_ 2 "freq_Eplexor_raw.xls: a data file, not a fit spec" 'an .xls file where a fit spec is expected' "fit \"$D/eplexor-polymer/freq_Eplexor_raw.xls\" -o \"\$T/o\""
case_ 2 "unknown parameter 'bogus' (model prony has: E_inf" 'fit of a data file freeing an unknown parameter' "fit \"$D/pyvisco-polymer/freq_user_master.csv\" --model prony --free bogus -o \"\$T/o\""
case_ 2 "--free, --model-option and --residual go with --model" 'fit options that need --model, with a spec' "fit \"$root/fits/pyvisco_prony_freq.toml\" --free E_inf -o \"\$T/o\""
case_ 2 "residual must be relative, complex, absolute, noise or column, not 'squared'" 'fit of a data file with an unknown residual' "fit \"$D/pyvisco-polymer/freq_user_master.csv\" --model prony --residual squared -o \"\$T/o\""
case_ 2 "--law-range: " 'a law range that is neither auto, all nor lo:hi' "shift \"$D/pyvisco-polymer/freq_user_raw.csv\" --reference-temperature 25C --law-range some -o \"\$T/o\""
case_ 2 "--law-tolerance 0: give decades of aT, above 0 and below 100" 'a zero law tolerance' "shift \"$D/pyvisco-polymer/freq_user_raw.csv\" --reference-temperature 25C --law-tolerance 0 -o \"\$T/o\""
case_ 2 "--window 1e+40:1e+41 s holds none of the series' relaxation times" 'an export window that holds no term' "export --params \"$root/fits/reference/pyvisco_prony_time/fitted.toml\" --format abaqus --no-shift --window 1e40:1e41 -o \"\$T/p.inp\""
case_ 2 "is not valid: T_ref - C2 = " 'export with a shift report whose WLF law is not valid' "export --params \"$root/fits/reference/pyvisco_prony_time/fitted.toml\" --format abaqus --shift-report \"\$T/invalid_wlf.json\" -o \"\$T/p.inp\""
case_ 2 "time 2 s follows 3 s: times must increase within each test" 'times in descending order (read as one-point tests before)' "fit \"\$T/descending_spec.toml\" -o \"\$T/o\""
case_ 2 "parameter 'chi_Tg': bounds [0.1, 3] reach outside its physical range" 'fit bounds outside the physical range' "fit \"\$T/outside_range.toml\" -o \"\$T/o\""
case_ 2 "parameter 'E_u': the fixed value 33000 is outside its own [34000, 40000]" 'a fixed value outside its own bounds' "fit \"\$T/fixed_outside.toml\" -o \"\$T/o\""
case_ 2 "is listed twice: its points would count twice in the fit" 'the same dataset listed twice' "fit \"\$T/twice.toml\" -o \"\$T/o\""
case_ 2 "parameter 'E_u': value = fixes a parameter; a free one takes start =" 'value = with fixed = false' "fit \"\$T/value_free.toml\" -o \"\$T/o\""
case_ 2 "200001 rows is more than the 200000 a master curve is built from" 'a master curve of 200,001 rows' "shift \"\$T/rows.csv\" --reference-temperature 400 -o \"\$T/o\""
case_ 2 'crash.xls: not a readable legacy Excel file' 'the .xls that crashed FreeXL (one byte changed)' "convert \"\$T/crash.xls\""
case_ 2 "-26.85 K is not above absolute zero" 'TRIOS temperature of -300 C' "convert \"\$T/trios_cold.txt\""
case_ 2 "'1e-320' is too close to zero to compute with" 'TRIOS modulus of 1e-320' "convert \"\$T/trios_subnormal.txt\""
case_ 2 'export: WLF C1 = 8.86, C2 = 0 K: both must be positive' 'export of a singular WLF law (C2 = 0)' "export --params \"$root/fits/reference/pyvisco_prony_time/fitted.toml\" --format abaqus --wlf 298.15,8.86,0 -o \"\$T/p.inp\""
case_ 2 "no 'Shiftlist' sheet (sheets: 'Exported Data', 'Data header')" 'instrument shifts from an Excel file without its Shiftlist sheet' "shift \"$D/eplexor-polymer/freq_Eplexor_raw.xls\" --reference-temperature 25C --shifts-from \"$D/eplexor-polymer/freq_Eplexor_raw.xls\" -o \"\$T/sh\""
case_ 2 "trios_nounits.txt:6: step 'Frequency sweep (20 C)' has data but no Units row" 'a TRIOS step without its units row' "convert \"\$T/trios_nounits.txt\""
case_ 2 'cannot open file' 'convert of a missing file' "convert \"\$T/missing.txt\""
case_ 2 "not a layout glassfit reads (expected CSV with 'quantity [unit]' headers, a TRIOS text export or an Eplexor .xls" 'a file of no known layout' "convert \"\$T/unknown.txt\""
case_ 2 "frequency_sweep_tts.txt: shear moduli, and the model's are tensile: give poisson_ratio in its [[dataset]]" 'shear data fitted with a tensile model, no Poisson ratio' "fit \"\$T/hc_shear.toml\" -o \"\$T/o\""
# ---- one-body model and 'glassfit srs' ---------------------------------------------------------
case_ 2 "ob_beta0.toml:2: parameter 'beta': 0 - is outside its physical range [0.1, 10]" 'one-body beta <= 0' "srs --params \"\$T/ob_beta0.toml\" -o \"\$T/o\""
case_ 2 "parameter 'Q0': -0.5 eV is outside its physical range (0, 100]" 'one-body barrier negative at t = 0' "srs --params \"\$T/ob_negative_barrier.toml\" -o \"\$T/o\""
case_ 2 "parameter 'rho': 1.5 - is outside its physical range (0, 1]" 'one-body rho outside (0, 1]' "srs --params \"\$T/ob_rho.toml\" -o \"\$T/o\""
case_ 2 'temperature 0 K must be above 0 K' 'SRS map at 0 K' "srs --temperature 0:300:100 -o \"\$T/o\""
case_ 2 'temperature -5 K must be above 0 K' 'SRS map at a negative temperature' "srs --temperature -5 -o \"\$T/o\""
case_ 2 "--strain-rate: range '1e5:1e-5:10log' is reversed" 'SRS map over a reversed rate range' "srs --strain-rate 1e5:1e-5:10log -o \"\$T/o\""
case_ 2 'strain rate 0 1/s is outside 1e-15 to 1e+09 1/s' 'SRS map at rate 0' "srs --strain-rate 0,1 -o \"\$T/o\""
case_ 2 'strain rate 1e+300 1/s is outside 1e-15 to 1e+09 1/s' 'SRS map at 1e300 /s (was -nan)' "srs --strain-rate 1e300 -o \"\$T/o\""
case_ 2 "temperature 10 K: below 50.05 K the barrier's relaxation" 'SRS map at 10 K (was an internal Boost error)' "srs --temperature 10 --strain-rate 1e-3,1 -o \"\$T/o\""
case_ 2 "parameter 'V_STZ': 1e+300 nm^3 is outside its physical range [0.001, 10000]" 'one-body STZ volume of 1e300 nm^3' "srs --params \"\$T/ob_vstz.toml\" -o \"\$T/o\""
case_ 2 "'loading.strain_rate_per_s': 1e+30 /s is above 1e+09 /s" 'kMC strain rate of 1e30 /s (ran past max_events before)' "kmc \"\$T/fast.toml\" -o \"\$T/k\""
case_ 2 'clock_reset must be "centre" or "stencil"' 'a kMC clock reset that is neither' "kmc \"\$T/reset_bad.toml\" -o \"\$T/k\""
case_ 2 'catalogue must be "fixed" or "redraw"' 'a kMC catalogue that is neither fixed nor redrawn' "kmc \"\$T/catalogue_bad.toml\" -o \"\$T/k\""
case_ 2 "'dynamics.clock_reset': \"stencil\" applies to the kww and time-independent barriers" 'a stencil clock reset with the softening law' "kmc \"\$T/reset_soft.toml\" -o \"\$T/k\""
case_ 2 'fifo: empty file' 'a FIFO nobody writes to, as input (no hang)' "convert \"\$T/fifo\""
case_ 2 'fifo' 'a FIFO nobody writes to, as a kMC configuration (no hang)' "kmc \"\$T/fifo\" -o \"\$T/k\"" 
case_ 2 "model onebody option 'barrier': 'relaxing' is not kww or time_independent" 'unknown barrier law' "srs --barrier relaxing -o \"\$T/o\""
case_ 2 "model onebody option 'attempt_rate': 'per-site' is not printed or per_site" 'a misspelt one-body attempt rate' "srs --model-option attempt_rate=per-site -o \"\$T/o\""
case_ 2 "model option 'barrier' must be a string" 'a model option that is not a string in a parameter file' "srs --params \"\$T/ob_option.toml\" -o \"\$T/o\""
case_ 2 'is more than the 1e+06 an SRS map computes' 'SRS map of 2e6 cells' "srs --temperature 300:500:1e-3 --strain-rate 1,2,3,4,5,6,7,8,9,10 -o \"\$T/o\""
case_ 2 "flow.csv:3: column 'strain_rate': a strain rate must be above 0 1/s" 'flow stress at rate 0' "fit \"\$T/ob_zero_rate.toml\" -o \"\$T/o\""
case_ 2 'model hc cannot predict a flow_stress experiment' 'flow stresses fitted with the HC model' "fit \"\$T/hc_flow.toml\" -o \"\$T/o\""
case_ 2 'model onebody cannot predict a dma experiment' 'the one-body model fitted to DMA data' "fit \"\$T/ob_dma.toml\" -o \"\$T/o\""
# ---- kMC: no silent clamping, bounded memory, verified checkpoints ---------------------------
case_ 2 "nx_huge.toml:4: 'nx' = 2000000 is outside 3..65536" 'lattice of 2,000,000 voxels a side' "kmc \"\$T/nx_huge.toml\" -o \"\$T/k\""
case_ 2 "'nx' = 9223372036854775807 is outside 3..65536" 'lattice of INT64_MAX a side' "kmc \"\$T/nx_int64.toml\" -o \"\$T/k\""
case_ 2 'GB of memory; this machine has' 'lattice larger than memory' "kmc \"\$T/memory.toml\" -o \"\$T/k\""
case_ 2 "empty_sweep.toml:4: 'temperatures_K' is empty" 'empty sweep list' "kmc \"\$T/empty_sweep.toml\" -o \"\$T/k\""
case_ 2 'rate_factors needs two or more factors' 'sweep with one rate factor' "kmc \"\$T/one_factor.toml\" -o \"\$T/k\""
case_ 2 "poisson.toml:5: 'material.poisson_ratio': must be in (-1, 0.5)" 'range error at the key line' "kmc \"\$T/poisson.toml\" -o \"\$T/k\""
case_ 2 "'threads' = 0 is outside 1..256" 'zero threads' "kmc \"\$T/threads.toml\" -o \"\$T/k\""
case_ 2 "unknown key 'temprature_K' in [run]" 'misspelt key' "kmc \"\$T/unknown.toml\" -o \"\$T/k\""
case_ 2 "engine must be \"local\" or \"reference\"" 'unknown kMC engine' "kmc \"\$T/engine_name.toml\" -o \"\$T/k\""
case_ 2 'the local engine runs the exact time scheme' 'local engine with the frozen scheme' "kmc \"\$T/engine_frozen.toml\" -o \"\$T/k\""
case_ 2 'the wang scheme steps in strain' 'wang steps under creep' "kmc \"\$T/wang_creep.toml\" -o \"\$T/k\""
case_ 2 'mode = "history" needs segments' 'a history without segments' "kmc \"\$T/history_none.toml\" -o \"\$T/k\""
case_ 2 'history_zero.toml:7: duration_s must be positive' 'a history segment of zero duration' "kmc \"\$T/history_zero.toml\" -o \"\$T/k\""
case_ 2 'no counterpart of the softening law' 'crosscheck of the softening law' "crosscheck \"\$T/xc_soft.toml\" -o \"\$T/k\""
case_ 2 'not one of the sweep' 'crosscheck at a temperature the sweep lacks' "crosscheck \"\$T/xc_T.toml\" -o \"\$T/k\" --compare-temperature 500"
case_ 2 '--attempt-rate: per-site not in {printed,per_site}' 'a crosscheck attempt rate that is neither' "crosscheck \"\$T/xc_T.toml\" -o \"\$T/k\" --attempt-rate per-site"
case_ 2 'needs a kMC configuration with a [sweep] section' 'crosscheck without a sweep' "crosscheck \"\$T/ck.toml\" -o \"\$T/k\""
case_ 2 'no barrier law' 'no barrier law' "kmc \"\$T/nolaw.toml\" -o \"\$T/k\""
case_ 2 "--fit: 'bogus' is not a one-body parameter of the crosscheck" 'crosscheck fitting a parameter the model lacks' "crosscheck \"\$T/xc_T.toml\" -o \"\$T/k\" --fit Q0,bogus"
case_ 2 '--compare-temperature nan: must be a temperature of the sweep' 'crosscheck at a temperature of nan' "crosscheck \"\$T/xc_T.toml\" -o \"\$T/k\" --compare-temperature nan"
case_ 2 'corrupt state (fields)' 'checkpoint forged (a NaN eigenstrain, SHA-256 recomputed)' "kmc \"\$T/ck.toml\" -o \"\$T/ck_forged\" --resume"
case_ 2 'flow_stress_MPa -211300: a run loaded forward flows at a positive, finite stress' 'merge of a task record with a negative flow stress' "kmc merge \"\$T/sw_negative\""
case_ 2 'never_transformed 1.5, transformed_once' 'merge of a task record with a fraction above 1' "kmc merge \"\$T/sw_fraction\""
case_ 2 'is a folder, not a file' 'configuration is a folder' "kmc \"\$T/folder\" -o \"\$T/k\""
case_ 2 '--threads 100000: must be between 1 and 256' '--threads too large' "kmc \"\$T/ck.toml\" -o \"\$T/k\" --threads 100000"
case_ 2 'A subcommand is required' 'no subcommand' ''
case_ 2 'no checkpoint to resume' 'resume without a checkpoint' "kmc \"\$T/ck.toml\" -o \"\$T/ck_none\" --resume"
case_ 2 'checkpoint is corrupt (its SHA-256 does not match' 'checkpoint with a flipped byte' "kmc \"\$T/ck.toml\" -o \"\$T/ck_flip\" --resume"
case_ 2 'checkpoint is corrupt (its SHA-256 does not match' 'checkpoint with one double scaled' "kmc \"\$T/ck.toml\" -o \"\$T/ck_scaled\" --resume"
case_ 2 'truncated or extended checkpoint' 'truncated checkpoint' "kmc \"\$T/ck.toml\" -o \"\$T/ck_cut\" --resume"
case_ 2 'written with a different configuration' 'checkpoint of another configuration' "kmc \"\$T/ck_other.toml\" -o \"\$T/ck_foreign\" --resume"
case_ 2 '--task 10: the sweep has 10 tasks, 0 to 9' 'sweep task index out of range' "kmc \"\$T/sw.toml\" --task 10 -o \"\$T/sw\""
case_ 2 '--task -1: must be 0 or more' 'negative sweep task index' "kmc \"\$T/sw.toml\" --task -1 -o \"\$T/sw\""
case_ 2 '--task needs a configuration with a [sweep] section' 'task of a configuration without a sweep' "kmc \"\$T/ck.toml\" --task 0 -o \"\$T/k\""
case_ 2 'holds another sweep (its sweep.toml differs' 'task of another sweep into a sweep folder' "kmc \"\$T/sw_other.toml\" --task 0 -o \"\$T/sw\""
case_ 2 '--slurm needs -o OUTDIR' '--slurm without -o' "kmc \"\$T/sw.toml\" --slurm"
case_ 2 "--partition 'a;b': letters, digits" 'Slurm partition with a semicolon' "kmc \"\$T/sw.toml\" --slurm --partition 'a;b' -o \"\$T/sl\""
case_ 2 "--time-limit 'soon': Slurm's" 'Slurm time limit not in its format' "kmc \"\$T/sw.toml\" --slurm --time-limit soon -o \"\$T/sl\""
case_ 2 'a path for Slurm scripts must not hold spaces' 'Slurm output folder with a % (a Slurm file pattern)' "kmc \"\$T/sw.toml\" --slurm -o \"\$T/50%\""
case_ 2 '2 of 10 tasks are not done; failed: 7 (task 7: stz.modes: exploded); no result: 4' 'merge of a sweep with a failed and a missing task' "kmc merge \"\$T/sw_gaps\""
case_ 2 'task_000002.json: not task 2 of this sweep' 'merge of a task record in the wrong place' "kmc merge \"\$T/sw_swapped\""
case_ 2 'task 42 is not in this sweep of 10 tasks' 'merge of a folder with a foreign task' "kmc merge \"\$T/sw_extra\""
case_ 2 'no sweep.toml; not the folder of a sweep' 'merge of a folder that holds no sweep' "kmc merge \"\$T/folder\""

# docs/errors.md shows every case with the message it gives: it must be what the program says.
if [ "$markdown" = --markdown ]; then
  cat "$T/table.md"
  exit 0
elif [ $is_root -eq 1 ]; then
  if diff <(sed -n '/^| what it is /,/^$/p' "$root/docs/errors.md" | sed -e '1,2d' -e '/^$/d') "$T/table.md" >"$T/doc.diff"; then
    pass=$((pass + 1))
  else
    bad "docs/errors.md differs from what the program says (regenerate: tests/cli/bad_inputs.sh build/tools/glassfit . --markdown)"
    head -20 "$T/doc.diff"
  fi
fi
echo "bad inputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
