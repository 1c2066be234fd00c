/* Material for MkDocs 9.8.2's inline bootstrap script (partials/javascripts/base.html), moved into a file:
 * the site's Content Security Policy forbids inline scripts. The page's scope (its base URL, which differs
 * with the page's depth) comes from this script element's data-scope attribute. */
__md_scope=new URL(document.currentScript.getAttribute("data-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
