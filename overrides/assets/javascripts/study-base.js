// @ts-check
// Material 9.8.2's inline start-up script (partials/javascripts/base.html) as a file; the scope comes from
// the tag's data-md-scope (overrides/partials/javascripts/base.html). Its globals are declared in
// types/material.d.ts; the type casts (/** @type */) are comments only (a Location is read as its href).
__md_scope=new URL(/** @type {string} */(/** @type {HTMLScriptElement} */(document.currentScript).dataset.mdScope),/** @type {*} */(location)),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(/** @type {string} */(_.getItem(t.pathname+"."+e))),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
