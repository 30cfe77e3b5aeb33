/**
 * The one script of a published page, hand-written (no framework, no bundler): visitor id (`mos_vid` cookie, made
 * here when the server has not set it), session id, UTM and click ids kept from the entry URL, event batches to
 * `api/events`, lead forms as JSON to `api/leads` with a fallback to the form's own plain POST, the consent banner,
 * the Meta pixel when the funnel opts in, countdowns and the video facade. Everything it posts is relative to the
 * page. The wire shapes are `PublicEventBatch` and `PublicLeadSubmission` in `@mos/db/contracts/funnels`.
 * Kept as a string so no build step can add helpers to it; its gzip size is measured in a test (≤ 3 KB).
 */
export const PAGE_SCRIPT = `(()=>{
var d=document,w=window,L=location,b=d.body,D=b.dataset,P=D.publication,PG=D.page,V=D.variant||null,CM=D.consent,PX=D.metaPixel;
var ss=function(k,v){try{if(v===void 0)return sessionStorage.getItem(k);sessionStorage.setItem(k,v)}catch(e){}return null};
var ck=function(n){var m=d.cookie.match(new RegExp("(?:^|; )"+n+"=([^;]*)"));return m?decodeURIComponent(m[1]):null};
var setCk=function(n,v,days){d.cookie=n+"="+v+";path=/;max-age="+days*86400+";samesite=lax"+(L.protocol=="https:"?";secure":"")};
var uuid=function(){var r=crypto.getRandomValues(new Uint8Array(16)),h="",i;r[6]=r[6]&15|64;r[8]=r[8]&63|128;for(i=0;i<16;i++)h+=(r[i]+256).toString(16).slice(1);return h.slice(0,8)+"-"+h.slice(8,12)+"-"+h.slice(12,16)+"-"+h.slice(16,20)+"-"+h.slice(20)};
var vid=ck("mos_vid");if(!vid||vid.length<8){vid=uuid();setCk("mos_vid",vid,365)}
var sid=ss("mos_sid");if(!sid){sid=uuid();ss("mos_sid",sid)}
var q=new URLSearchParams(L.search),u={},c={},at=null,any=0;
"source medium campaign term content".split(" ").forEach(function(k){var v=q.get("utm_"+k);if(v){u[k]=v.slice(0,200);any=1}});
["fbclid","gclid"].forEach(function(k){var v=q.get(k);if(v){c[k]=v.slice(0,500);any=1}});
try{at=JSON.parse(ss("mos_at"))}catch(e){}
if(any||!at){if(c.fbclid)c.fbc="fb.1."+Date.now()+"."+c.fbclid;at={u:u,c:c};ss("mos_at",JSON.stringify(at))}
var clickIds=function(){var o=Object.assign({},at.c),p=ck("_fbp"),f=ck("_fbc");if(p)o.fbp=p.slice(0,200);if(f)o.fbc=f.slice(0,500);return o};
var consent=function(){var v=ck("mos_consent");return CM=="banner"&&(v=="granted"||v=="denied")?v:"not_asked"};
var pxOn=function(){return PX&&(CM!="banner"||consent()=="granted")};
var pxLoad=function(){if(w.fbq)return;var n=w.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};n.push=n;n.loaded=!0;n.version="2.0";n.queue=[];var s=d.createElement("script");s.async=!0;s.src="https://connect.facebook.net/en_US/fbevents.js";d.head.appendChild(s);n("init",PX)};
var PXE={page_view:"PageView",form_submit:"Lead"},pvId=null,Q=[],T=0;
var post=function(url,body,beacon){var j=JSON.stringify(body);if(beacon&&navigator.sendBeacon&&navigator.sendBeacon(url,new Blob([j],{type:"application/json"})))return;fetch(url,{method:"POST",headers:{"content-type":"application/json"},body:j,keepalive:!0,credentials:"same-origin"}).catch(function(){})};
var flush=function(beacon){clearTimeout(T);T=0;while(Q.length)post("api/events",{batchId:uuid(),publicationId:P,visitorId:vid,sessionId:sid,events:Q.splice(0,50)},beacon)};
var track=function(type,props,now){var id=uuid();Q.push({eventId:id,type:type,pageId:PG,variantId:V,occurredAt:new Date().toISOString(),path:L.pathname.slice(0,2000),referrer:d.referrer.slice(0,2000),utm:at.u,clickIds:clickIds(),consent:consent(),props:props||{}});
if(PXE[type]&&pxOn()){pxLoad();w.fbq("track",PXE[type],{},{eventID:id})}
if(now)flush(1);else if(!T)T=setTimeout(flush,300);return id};
pvId=track("page_view");
if(!ss("mos_fe_"+P)){ss("mos_fe_"+P,"1");track("funnel_enter")}
w.addEventListener("pagehide",function(){flush(1)});
d.addEventListener("visibilitychange",function(){if(d.visibilityState=="hidden")flush(1)});
d.addEventListener("click",function(e){var t=e.target,a,v,f;if(!t.closest)return;
a=t.closest("[data-mos-cta]");if(a)track("cta_click",{blockId:a.dataset.mosCta,label:a.textContent.trim().slice(0,200),href:a.getAttribute("href").slice(0,500)},1);
v=t.closest("[data-mos-video]");if(v){e.preventDefault();f=d.createElement("iframe");f.src=v.dataset.mosVideo;f.title=v.dataset.mosVideoTitle||"";f.allow="autoplay; encrypted-media; picture-in-picture; fullscreen";f.allowFullscreen=!0;f.className=v.className;f.style.border="0";v.replaceWith(f)}
a=t.closest("[data-mos-consent-choice]");if(a){var g=a.dataset.mosConsentChoice;setCk("mos_consent",g,180);a.closest("[data-mos-consent-banner]").hidden=!0;if(g=="granted"&&PX&&!w.fbq){pxLoad();w.fbq("track","PageView",{},{eventID:pvId})}}});
var bn=d.querySelector("[data-mos-consent-banner]");if(bn&&!ck("mos_consent"))bn.hidden=!1;
d.addEventListener("submit",function(e){var f=e.target,fields={},cs="not_asked",btn,k,s,sub;if(!f.matches("[data-mos-form]")||f.dataset.mosPlain)return;e.preventDefault();
new FormData(f).forEach(function(v,k){if(k=="consent")cs=v=="granted"?"granted":cs;else if(["publicationId","pageId","variantId","blockId"].indexOf(k)<0)fields[k]=String(v).slice(0,5000)});
if(f.dataset.consent=="line")cs="granted";else if(cs=="not_asked")cs=consent();
sub=uuid();track("form_submit",{blockId:f.dataset.mosForm},1);btn=f.querySelector("[type=submit]");if(btn)btn.disabled=!0;
fetch("api/leads",{method:"POST",headers:{"content-type":"application/json",accept:"application/json"},credentials:"same-origin",body:JSON.stringify({submissionId:sub,publicationId:P,pageId:PG,variantId:V,blockId:f.dataset.mosForm,visitorId:vid,fields:fields,consent:cs,utm:at.u,clickIds:clickIds()})})
.then(function(r){if(!r.ok)throw r;return r.json()}).then(function(j){L.href=j&&j.redirectTo||f.dataset.success})
.catch(function(){for(k in s={submissionId:sub,visitorId:vid}){var i=d.createElement("input");i.type="hidden";i.name=k;i.value=s[k];f.appendChild(i)}f.dataset.mosPlain="1";if(btn)btn.disabled=!1;f.submit()})});
var cds=d.querySelectorAll("[data-mos-countdown]"),p2=function(n){return(n<10?"0":"")+n};
var tick=function(){cds.forEach(function(el){var s=Math.floor((Date.parse(el.dataset.mosCountdown)-Date.now())/1e3);el.textContent=s<=0?el.dataset.mosExpired:(s>=86400?Math.floor(s/86400)+"d ":"")+p2(Math.floor(s/3600)%24)+":"+p2(Math.floor(s/60)%60)+":"+p2(s%60)})};
if(cds.length){tick();setInterval(tick,1e3)}
})();`;
