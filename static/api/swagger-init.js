/* Starts Swagger UI on /api/v1/docs with the settings django-ninja wrote into data-settings
   (no inline script: the site's Content-Security-Policy is default-src 'self'). */
(function () {
  var root = document.getElementById("swagger-ui");
  var config = JSON.parse(root.dataset.settings);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  window.ui = SwaggerUIBundle(config);
})();
