(function () {
// Generated from catalan.sbl by Snowball 3.1.1 - https://snowballstem.org/

// deno-lint-ignore-file ban-unused-ignore no-constant-condition no-empty prefer-const

const a_0 = [
    ["", 7],
    ["\u00B7", 6, 1],
    ["\u00E0", 1, 2],
    ["\u00E1", 1, 3],
    ["\u00E8", 2, 4],
    ["\u00E9", 2, 5],
    ["\u00EC", 3, 6],
    ["\u00ED", 3, 7],
    ["\u00EF", 3, 8],
    ["\u00F2", 4, 9],
    ["\u00F3", 4, 10],
    ["\u00FA", 5, 11],
    ["\u00FC", 5, 12]
];

const a_1 = [
    ["la", 1],
    ["-la", 1, 1],
    ["sela", 1, 2],
    ["le", 1],
    ["me", 1],
    ["-me", 1, 1],
    ["se", 1],
    ["-te", 1],
    ["hi", 1],
    ["'hi", 1, 1],
    ["li", 1],
    ["-li", 1, 1],
    ["'l", 1],
    ["'m", 1],
    ["-m", 1],
    ["'n", 1],
    ["-n", 1],
    ["ho", 1],
    ["'ho", 1, 1],
    ["lo", 1],
    ["selo", 1, 1],
    ["'s", 1],
    ["las", 1],
    ["selas", 1, 1],
    ["les", 1],
    ["-les", 1, 1],
    ["'ls", 1],
    ["-ls", 1],
    ["'ns", 1],
    ["-ns", 1],
    ["ens", 1],
    ["los", 1],
    ["selos", 1, 1],
    ["nos", 1],
    ["-nos", 1, 1],
    ["vos", 1],
    ["us", 1],
    ["-us", 1, 1],
    ["'t", 1]
];

const a_2 = [
    ["ica", 4],
    ["l\u00F3gica", 3, 1],
    ["enca", 1],
    ["ada", 2],
    ["ancia", 1],
    ["encia", 1],
    ["\u00E8ncia", 1],
    ["\u00EDcia", 1],
    ["logia", 3],
    ["inia", 1],
    ["\u00EDinia", 1, 1],
    ["eria", 1],
    ["\u00E0ria", 1],
    ["at\u00F2ria", 1],
    ["alla", 1],
    ["ella", 1],
    ["\u00EDvola", 1],
    ["ima", 1],
    ["\u00EDssima", 1, 1],
    ["qu\u00EDssima", 5, 1],
    ["ana", 1],
    ["ina", 1],
    ["era", 1],
    ["sfera", 1, 1],
    ["ora", 1],
    ["dora", 1, 1],
    ["adora", 1, 1],
    ["adura", 1],
    ["esa", 1],
    ["osa", 1],
    ["assa", 1],
    ["essa", 1],
    ["issa", 1],
    ["eta", 1],
    ["ita", 1],
    ["ota", 1],
    ["ista", 1],
    ["ialista", 1, 1],
    ["ionista", 1, 2],
    ["iva", 1],
    ["ativa", 1, 1],
    ["n\u00E7a", 1],
    ["log\u00EDa", 3],
    ["ic", 4],
    ["\u00EDstic", 1, 1],
    ["enc", 1],
    ["esc", 1],
    ["ud", 1],
    ["atge", 1],
    ["ble", 1],
    ["able", 1, 1],
    ["ible", 1, 2],
    ["isme", 1],
    ["ialisme", 1, 1],
    ["ionisme", 1, 2],
    ["ivisme", 1, 3],
    ["aire", 1],
    ["icte", 1],
    ["iste", 1],
    ["ici", 1],
    ["\u00EDci", 1],
    ["logi", 3],
    ["ari", 1],
    ["tori", 1],
    ["al", 1],
    ["il", 1],
    ["all", 1],
    ["ell", 1],
    ["\u00EDvol", 1],
    ["isam", 1],
    ["issem", 1],
    ["\u00ECssem", 1],
    ["\u00EDssem", 1],
    ["\u00EDssim", 1],
    ["qu\u00EDssim", 5, 1],
    ["amen", 1],
    ["\u00ECssin", 1],
    ["ar", 1],
    ["ificar", 1, 1],
    ["egar", 1, 2],
    ["ejar", 1, 3],
    ["itar", 1, 4],
    ["itzar", 1, 5],
    ["fer", 1],
    ["or", 1],
    ["dor", 1, 1],
    ["dur", 1],
    ["doras", 1],
    ["ics", 4],
    ["l\u00F3gics", 3, 1],
    ["uds", 1],
    ["nces", 1],
    ["ades", 2],
    ["ancies", 1],
    ["encies", 1],
    ["\u00E8ncies", 1],
    ["\u00EDcies", 1],
    ["logies", 3],
    ["inies", 1],
    ["\u00EDnies", 1],
    ["eries", 1],
    ["\u00E0ries", 1],
    ["at\u00F2ries", 1],
    ["bles", 1],
    ["ables", 1, 1],
    ["ibles", 1, 2],
    ["imes", 1],
    ["\u00EDssimes", 1, 1],
    ["qu\u00EDssimes", 5, 1],
    ["formes", 1],
    ["ismes", 1],
    ["ialismes", 1, 1],
    ["ines", 1],
    ["eres", 1],
    ["ores", 1],
    ["dores", 1, 1],
    ["idores", 1, 1],
    ["dures", 1],
    ["eses", 1],
    ["oses", 1],
    ["asses", 1],
    ["ictes", 1],
    ["ites", 1],
    ["otes", 1],
    ["istes", 1],
    ["ialistes", 1, 1],
    ["ionistes", 1, 2],
    ["iques", 4],
    ["l\u00F3giques", 3, 1],
    ["ives", 1],
    ["atives", 1, 1],
    ["log\u00EDes", 3],
    ["alleng\u00FCes", 1],
    ["icis", 1],
    ["\u00EDcis", 1],
    ["logis", 3],
    ["aris", 1],
    ["toris", 1],
    ["ls", 1],
    ["als", 1, 1],
    ["ells", 1, 2],
    ["ims", 1],
    ["\u00EDssims", 1, 1],
    ["qu\u00EDssims", 5, 1],
    ["ions", 1],
    ["cions", 1, 1],
    ["acions", 2, 1],
    ["esos", 1],
    ["osos", 1],
    ["assos", 1],
    ["issos", 1],
    ["ers", 1],
    ["ors", 1],
    ["dors", 1, 1],
    ["adors", 1, 1],
    ["idors", 1, 2],
    ["ats", 1],
    ["itats", 1, 1],
    ["bilitats", 1, 1],
    ["ivitats", 1, 2],
    ["ativitats", 1, 1],
    ["\u00EFtats", 1, 5],
    ["ets", 1],
    ["ants", 1],
    ["ents", 1],
    ["ments", 1, 1],
    ["aments", 1, 1],
    ["ots", 1],
    ["uts", 1],
    ["ius", 1],
    ["trius", 1, 1],
    ["atius", 1, 2],
    ["\u00E8s", 1],
    ["\u00E9s", 1],
    ["\u00EDs", 1],
    ["d\u00EDs", 1, 1],
    ["\u00F3s", 1],
    ["itat", 1],
    ["bilitat", 1, 1],
    ["ivitat", 1, 2],
    ["ativitat", 1, 1],
    ["\u00EFtat", 1],
    ["et", 1],
    ["ant", 1],
    ["ent", 1],
    ["ient", 1, 1],
    ["ment", 1, 2],
    ["ament", 1, 1],
    ["isament", 1, 1],
    ["ot", 1],
    ["isseu", 1],
    ["\u00ECsseu", 1],
    ["\u00EDsseu", 1],
    ["triu", 1],
    ["\u00EDssiu", 1],
    ["atiu", 1],
    ["\u00F3", 1],
    ["i\u00F3", 1, 1],
    ["ci\u00F3", 1, 1],
    ["aci\u00F3", 1, 1]
];

const a_3 = [
    ["aba", 1],
    ["esca", 1],
    ["isca", 1],
    ["\u00EFsca", 1],
    ["ada", 1],
    ["ida", 1],
    ["uda", 1],
    ["\u00EFda", 1],
    ["ia", 1],
    ["aria", 1, 1],
    ["iria", 1, 2],
    ["ara", 1],
    ["iera", 1],
    ["ira", 1],
    ["adora", 1],
    ["\u00EFra", 1],
    ["ava", 1],
    ["ixa", 1],
    ["itza", 1],
    ["\u00EDa", 1],
    ["ar\u00EDa", 1, 1],
    ["er\u00EDa", 1, 2],
    ["ir\u00EDa", 1, 3],
    ["\u00EFa", 1],
    ["isc", 1],
    ["\u00EFsc", 1],
    ["ad", 1],
    ["ed", 1],
    ["id", 1],
    ["ie", 1],
    ["re", 1],
    ["dre", 1, 1],
    ["ase", 1],
    ["iese", 1],
    ["aste", 1],
    ["iste", 1],
    ["ii", 1],
    ["ini", 1],
    ["esqui", 1],
    ["eixi", 1],
    ["itzi", 1],
    ["am", 1],
    ["em", 1],
    ["arem", 1, 1],
    ["irem", 1, 2],
    ["\u00E0rem", 1, 3],
    ["\u00EDrem", 1, 4],
    ["\u00E0ssem", 1, 5],
    ["\u00E9ssem", 1, 6],
    ["iguem", 1, 7],
    ["\u00EFguem", 1, 8],
    ["avem", 1, 9],
    ["\u00E0vem", 1, 10],
    ["\u00E1vem", 1, 11],
    ["ir\u00ECem", 1, 12],
    ["\u00EDem", 1, 13],
    ["ar\u00EDem", 1, 1],
    ["ir\u00EDem", 1, 2],
    ["assim", 1],
    ["essim", 1],
    ["issim", 1],
    ["\u00E0ssim", 1],
    ["\u00E8ssim", 1],
    ["\u00E9ssim", 1],
    ["\u00EDssim", 1],
    ["\u00EFm", 1],
    ["an", 1],
    ["aban", 1, 1],
    ["arian", 1, 2],
    ["aran", 1, 3],
    ["ieran", 1, 4],
    ["iran", 1, 5],
    ["\u00EDan", 1, 6],
    ["ar\u00EDan", 1, 1],
    ["er\u00EDan", 1, 2],
    ["ir\u00EDan", 1, 3],
    ["en", 1],
    ["ien", 1, 1],
    ["arien", 1, 1],
    ["irien", 1, 2],
    ["aren", 1, 4],
    ["eren", 1, 5],
    ["iren", 1, 6],
    ["\u00E0ren", 1, 7],
    ["\u00EFren", 1, 8],
    ["asen", 1, 9],
    ["iesen", 1, 10],
    ["assen", 1, 11],
    ["essen", 1, 12],
    ["issen", 1, 13],
    ["\u00E9ssen", 1, 14],
    ["\u00EFssen", 1, 15],
    ["esquen", 1, 16],
    ["isquen", 1, 17],
    ["\u00EFsquen", 1, 18],
    ["aven", 1, 19],
    ["ixen", 1, 20],
    ["eixen", 1, 1],
    ["\u00EFxen", 1, 22],
    ["\u00EFen", 1, 23],
    ["in", 1],
    ["inin", 1, 1],
    ["sin", 1, 2],
    ["isin", 1, 1],
    ["assin", 1, 2],
    ["essin", 1, 3],
    ["issin", 1, 4],
    ["\u00EFssin", 1, 5],
    ["esquin", 1, 8],
    ["eixin", 1, 9],
    ["aron", 1],
    ["ieron", 1],
    ["ar\u00E1n", 1],
    ["er\u00E1n", 1],
    ["ir\u00E1n", 1],
    ["i\u00EFn", 1],
    ["ado", 1],
    ["ido", 1],
    ["ando", 2],
    ["iendo", 1],
    ["io", 1],
    ["ixo", 1],
    ["eixo", 1, 1],
    ["\u00EFxo", 1],
    ["itzo", 1],
    ["ar", 1],
    ["tzar", 1, 1],
    ["er", 1],
    ["eixer", 1, 1],
    ["ir", 1],
    ["ador", 1],
    ["as", 1],
    ["abas", 1, 1],
    ["adas", 1, 2],
    ["idas", 1, 3],
    ["aras", 1, 4],
    ["ieras", 1, 5],
    ["\u00EDas", 1, 6],
    ["ar\u00EDas", 1, 1],
    ["er\u00EDas", 1, 2],
    ["ir\u00EDas", 1, 3],
    ["ids", 1],
    ["es", 1],
    ["ades", 1, 1],
    ["ides", 1, 2],
    ["udes", 1, 3],
    ["\u00EFdes", 1, 4],
    ["atges", 1, 5],
    ["ies", 1, 6],
    ["aries", 1, 1],
    ["iries", 1, 2],
    ["ares", 1, 9],
    ["ires", 1, 10],
    ["adores", 1, 11],
    ["\u00EFres", 1, 12],
    ["ases", 1, 13],
    ["ieses", 1, 14],
    ["asses", 1, 15],
    ["esses", 1, 16],
    ["isses", 1, 17],
    ["\u00EFsses", 1, 18],
    ["ques", 1, 19],
    ["esques", 1, 1],
    ["\u00EFsques", 1, 2],
    ["aves", 1, 22],
    ["ixes", 1, 23],
    ["eixes", 1, 1],
    ["\u00EFxes", 1, 25],
    ["\u00EFes", 1, 26],
    ["abais", 1],
    ["arais", 1],
    ["ierais", 1],
    ["\u00EDais", 1],
    ["ar\u00EDais", 1, 1],
    ["er\u00EDais", 1, 2],
    ["ir\u00EDais", 1, 3],
    ["aseis", 1],
    ["ieseis", 1],
    ["asteis", 1],
    ["isteis", 1],
    ["inis", 1],
    ["sis", 1],
    ["isis", 1, 1],
    ["assis", 1, 2],
    ["essis", 1, 3],
    ["issis", 1, 4],
    ["\u00EFssis", 1, 5],
    ["esquis", 1],
    ["eixis", 1],
    ["itzis", 1],
    ["\u00E1is", 1],
    ["ar\u00E9is", 1],
    ["er\u00E9is", 1],
    ["ir\u00E9is", 1],
    ["ams", 1],
    ["ados", 1],
    ["idos", 1],
    ["amos", 1],
    ["\u00E1bamos", 1, 1],
    ["\u00E1ramos", 1, 2],
    ["i\u00E9ramos", 1, 3],
    ["\u00EDamos", 1, 4],
    ["ar\u00EDamos", 1, 1],
    ["er\u00EDamos", 1, 2],
    ["ir\u00EDamos", 1, 3],
    ["aremos", 1],
    ["eremos", 1],
    ["iremos", 1],
    ["\u00E1semos", 1],
    ["i\u00E9semos", 1],
    ["imos", 1],
    ["adors", 1],
    ["ass", 1],
    ["erass", 1, 1],
    ["ess", 1],
    ["ats", 1],
    ["its", 1],
    ["ents", 1],
    ["\u00E0s", 1],
    ["ar\u00E0s", 1, 1],
    ["ir\u00E0s", 1, 2],
    ["ar\u00E1s", 1],
    ["er\u00E1s", 1],
    ["ir\u00E1s", 1],
    ["\u00E9s", 1],
    ["ar\u00E9s", 1, 1],
    ["\u00EDs", 1],
    ["i\u00EFs", 1],
    ["at", 1],
    ["it", 1],
    ["ant", 1],
    ["ent", 1],
    ["int", 1],
    ["ut", 1],
    ["\u00EFt", 1],
    ["au", 1],
    ["erau", 1, 1],
    ["ieu", 1],
    ["ineu", 1],
    ["areu", 1],
    ["ireu", 1],
    ["\u00E0reu", 1],
    ["\u00EDreu", 1],
    ["asseu", 1],
    ["esseu", 1],
    ["eresseu", 1, 1],
    ["\u00E0sseu", 1],
    ["\u00E9sseu", 1],
    ["igueu", 1],
    ["\u00EFgueu", 1],
    ["\u00E0veu", 1],
    ["\u00E1veu", 1],
    ["itzeu", 1],
    ["\u00ECeu", 1],
    ["ir\u00ECeu", 1, 1],
    ["\u00EDeu", 1],
    ["ar\u00EDeu", 1, 1],
    ["ir\u00EDeu", 1, 2],
    ["assiu", 1],
    ["issiu", 1],
    ["\u00E0ssiu", 1],
    ["\u00E8ssiu", 1],
    ["\u00E9ssiu", 1],
    ["\u00EDssiu", 1],
    ["\u00EFu", 1],
    ["ix", 1],
    ["eix", 1, 1],
    ["\u00EFx", 1],
    ["itz", 1],
    ["i\u00E0", 1],
    ["ar\u00E0", 1],
    ["ir\u00E0", 1],
    ["itz\u00E0", 1],
    ["ar\u00E1", 1],
    ["er\u00E1", 1],
    ["ir\u00E1", 1],
    ["ir\u00E8", 1],
    ["ar\u00E9", 1],
    ["er\u00E9", 1],
    ["ir\u00E9", 1],
    ["\u00ED", 1],
    ["i\u00EF", 1],
    ["i\u00F3", 1]
];

const a_4 = [
    ["a", 1],
    ["e", 1],
    ["i", 1],
    ["\u00EFn", 1],
    ["o", 1],
    ["ir", 1],
    ["s", 1],
    ["is", 1, 1],
    ["os", 1, 2],
    ["\u00EFs", 1, 3],
    ["it", 1],
    ["eu", 1],
    ["iu", 1],
    ["iqu", 2],
    ["itz", 1],
    ["\u00E0", 1],
    ["\u00E1", 1],
    ["\u00E9", 1],
    ["\u00EC", 1],
    ["\u00ED", 1],
    ["\u00EF", 1],
    ["\u00F3", 1]
];

const /** Array<number> */ g_v = [17, 65, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128, 129, 81, 6, 10];

var B = self.ReadingsSnowball.base;

var Stemmer = class extends B {

    #I_p2/** number */ = 0;
    #I_p1/** number */ = 0;


    /** @return {boolean} */
    #r_mark_regions() {
        this.#I_p1 = this.limit;
        this.#I_p2 = this.limit;
        const /** number */ v_1 = this.c;
        // deno-lint-ignore no-unused-labels
        lab0: {
            if (!this.go_out_grouping(g_v, 97, 252)) break lab0;
            this.c++;
            if (!this.go_in_grouping(g_v, 97, 252)) break lab0;
            this.c++;
            this.#I_p1 = this.c;
            if (!this.go_out_grouping(g_v, 97, 252)) break lab0;
            this.c++;
            if (!this.go_in_grouping(g_v, 97, 252)) break lab0;
            this.c++;
            this.#I_p2 = this.c;
        }
        this.c = v_1;
        return true;
    }

    /** @return {boolean} */
    #r_cleaning() {
        let /** number */ a;
        while (true) {
            const /** number */ v_1 = this.c;
            // deno-lint-ignore no-unused-labels
            lab0: {
                this.bra = this.c;
                a = this.find_among(a_0);
                this.ket = this.c;
                switch (a) {
                    case 1: {
                        this.slice_from("a");
                        break;
                    }
                    case 2: {
                        this.slice_from("e");
                        break;
                    }
                    case 3: {
                        this.slice_from("i");
                        break;
                    }
                    case 4: {
                        this.slice_from("o");
                        break;
                    }
                    case 5: {
                        this.slice_from("u");
                        break;
                    }
                    case 6: {
                        this.slice_from(".");
                        break;
                    }
                    case 7: {
                        if (this.c >= this.limit) break lab0;
                        this.c++;
                        break;
                    }
                }
                continue;
            }
            this.c = v_1;
            break;
        }
        return true;
    }

    /** @return {boolean} */
    #r_R1() {
        return this.#I_p1 <= this.c;
    }

    /** @return {boolean} */
    #r_R2() {
        return this.#I_p2 <= this.c;
    }

    /** @return {boolean} */
    #r_attached_pronoun() {
        this.ket = this.c;
        if (this.find_among_b(a_1) === 0) return false;
        this.bra = this.c;
        if (!this.#r_R1()) return false;
        this.slice_del();
        return true;
    }

    /** @return {boolean} */
    #r_standard_suffix() {
        let /** number */ a;
        this.ket = this.c;
        a = this.find_among_b(a_2);
        if (a === 0) return false;
        this.bra = this.c;
        switch (a) {
            case 1: {
                if (!this.#r_R1()) return false;
                this.slice_del();
                break;
            }
            case 2: {
                if (!this.#r_R2()) return false;
                this.slice_del();
                break;
            }
            case 3: {
                if (!this.#r_R2()) return false;
                this.slice_from("log");
                break;
            }
            case 4: {
                if (!this.#r_R2()) return false;
                this.slice_from("ic");
                break;
            }
            case 5: {
                if (!this.#r_R1()) return false;
                this.slice_from("c");
                break;
            }
        }
        return true;
    }

    /** @return {boolean} */
    #r_verb_suffix() {
        let /** number */ a;
        this.ket = this.c;
        a = this.find_among_b(a_3);
        if (a === 0) return false;
        this.bra = this.c;
        switch (a) {
            case 1: {
                if (!this.#r_R1()) return false;
                this.slice_del();
                break;
            }
            case 2: {
                if (!this.#r_R2()) return false;
                this.slice_del();
                break;
            }
        }
        return true;
    }

    /** @return {boolean} */
    #r_residual_suffix() {
        let /** number */ a;
        this.ket = this.c;
        a = this.find_among_b(a_4);
        if (a === 0) return false;
        this.bra = this.c;
        switch (a) {
            case 1: {
                if (!this.#r_R1()) return false;
                this.slice_del();
                break;
            }
            case 2: {
                if (!this.#r_R1()) return false;
                this.slice_from("ic");
                break;
            }
        }
        return true;
    }

    /** @return {boolean} */
    #stem() {
        this.#r_mark_regions();
        this.limit_backward = this.c; this.c = this.limit;
        const /** number */ v_1 = this.limit - this.c;
        this.#r_attached_pronoun();
        this.c = this.limit - v_1;
        const /** number */ v_2 = this.limit - this.c;
        // deno-lint-ignore no-unused-labels
        lab0: {
            // deno-lint-ignore no-unused-labels
            lab1: {
                const /** number */ v_3 = this.limit - this.c;
                // deno-lint-ignore no-unused-labels
                lab2: {
                    if (!this.#r_standard_suffix()) break lab2;
                    break lab1;
                }
                this.c = this.limit - v_3;
                if (!this.#r_verb_suffix()) break lab0;
            }
        }
        this.c = this.limit - v_2;
        const /** number */ v_4 = this.limit - this.c;
        this.#r_residual_suffix();
        this.c = this.limit - v_4;
        this.c = this.limit_backward;
        const /** number */ v_5 = this.c;
        this.#r_cleaning();
        this.c = v_5;
        return true;
    }

    /**@return{string}*/
    stem(/**string*/input) {
        this.setCurrent(input);
        this.#stem();
        return this.getCurrent();
    }

    stemWord = this.stem;
}


self.ReadingsSnowball['catalan'] = Stemmer;
})();
