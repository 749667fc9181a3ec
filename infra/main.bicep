// Langaj in Azure: a Flex Consumption Function App (.NET 10 isolated worker) on one storage account,
// with Application Insights, all reached through one user-assigned identity and no keys.
// Deploy into an existing resource group: `azd up`, or `az deployment group create` (see README.md).

targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd sets it); it seeds the names of all resources.')
param environmentName string

@description('Azure region of every resource; defaults to the resource group\'s. It must offer Flex Consumption.')
param location string = resourceGroup().location

@description('NCRONTAB schedule of the scrape timer (six fields, seconds first). The default runs every 30 minutes.')
param scrapeSchedule string = '0 */30 * * * *'

@description('Path of the sources file, relative to the app directory (the project ships sources.json).')
param sourcesPath string = 'sources.json'

@description('Most instances Flex Consumption may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-langaj-${resourceToken}'

module identity 'app/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-langaj-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'stlangaj${take(resourceToken, 16)}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-langaj-${resourceToken}'
    applicationInsightsName: 'appi-langaj-${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  // The host reads storage as soon as the app starts; let the roles exist first.
  dependsOn: [rbac]
  params: {
    name: functionAppName
    planName: 'plan-langaj-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: 'app-package'
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    scrapeSchedule: scrapeSchedule
    sourcesPath: sourcesPath
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output FUNCTION_APP_URL string = functions.outputs.url
output FEED_RSS_URL string = '${functions.outputs.url}/api/feeds/rss'
output FEED_ATOM_URL string = '${functions.outputs.url}/api/feeds/atom'
output FEED_JSON_URL string = '${functions.outputs.url}/api/feeds/json'
output FEED_OPML_URL string = '${functions.outputs.url}/api/feeds.opml'
